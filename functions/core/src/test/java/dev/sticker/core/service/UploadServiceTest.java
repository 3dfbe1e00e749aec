package dev.sticker.core.service;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class UploadServiceTest {

    @Test
    void fileNamesBecomeOneSafeKeySegment() {
        assertEquals("astronaut.png", UploadService.safeFileName("astronaut.png"));
        assertEquals("passwd", UploadService.safeFileName("../../etc/passwd"));
        assertEquals("my_photo_1_.jpg", UploadService.safeFileName("C:\\Users\\me\\my photo (1).jpg"));
        assertEquals("upload", UploadService.safeFileName(""));
        assertEquals("upload", UploadService.safeFileName(".."));
        assertEquals("x.png", UploadService.safeFileName("..x.png"));
        assertEquals(100, UploadService.safeFileName("a".repeat(300) + ".png").length());
    }
}
