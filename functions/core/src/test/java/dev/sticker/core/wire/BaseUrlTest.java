package dev.sticker.core.wire;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BaseUrlTest {

    @Test
    void dropsOneTrailingSlashAndKeepsTheRest() {
        assertEquals("https://api.example/v1", BaseUrl.of("https://api.example/v1/"));
        assertEquals("https://api.example/v1", BaseUrl.of("https://api.example/v1"));
        assertEquals("http://127.0.0.1:8188", BaseUrl.of("http://127.0.0.1:8188/"));
    }
}
