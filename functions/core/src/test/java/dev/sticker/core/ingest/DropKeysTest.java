package dev.sticker.core.ingest;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class DropKeysTest {

    @Test
    void photosUnderIncomingAreNamedByTheirPathWithoutSuffix() {
        assertEquals(Optional.of("astronaut"), DropKeys.photoName("incoming/astronaut.png"));
        assertEquals(Optional.of("team/alice"), DropKeys.photoName("incoming/team/alice.JPEG"));
        assertEquals(Optional.of("my photo.v2"), DropKeys.photoName("incoming/my photo.v2.webp"));
        assertEquals("stickers/team/alice/result.json", DropKeys.result("team/alice"));
        assertEquals("incoming/team/alice.json", DropKeys.sidecar("team/alice"));
    }

    @Test
    void sidecarsOtherFoldersAndBareSuffixesAreNotPhotos() {
        assertEquals(Optional.empty(), DropKeys.photoName("incoming/astronaut.json"));
        assertEquals(Optional.empty(), DropKeys.photoName("inputs/astronaut.png"));
        assertEquals(Optional.empty(), DropKeys.photoName("incoming/.png"));
        assertEquals(Optional.empty(), DropKeys.photoName("incoming/team/.jpg"));
        assertEquals(Optional.empty(), DropKeys.photoName("incoming/photo.gif"));
    }

    @Test
    void theSameEventIsTheSameRequestAndAnyOtherPutIsNot() {
        DroppedPhoto event = new DroppedPhoto("bucket", "incoming/a.png", "\"9b2cf535f27731c974343645a3985328\"",
                "0055AED6DCD90281E5", 10);
        DroppedPhoto again = new DroppedPhoto("bucket", "incoming/a.png", "9b2cf535f27731c974343645a3985328",
                "0055AED6DCD90281E5", 10);

        assertEquals(event.requestId(), again.requestId());
        assertNotEquals(event.requestId(), new DroppedPhoto("bucket", "incoming/a.png",
                "9b2cf535f27731c974343645a3985328", "0055AED6DCD90281F0", 10).requestId());
        assertNotEquals(event.requestId(), new DroppedPhoto("bucket", "incoming/a.png",
                "1f2cf535f27731c974343645a3985328", "0055AED6DCD90281E5", 10).requestId());
        assertNotEquals(event.requestId(), new DroppedPhoto("bucket", "incoming/b.png",
                "9b2cf535f27731c974343645a3985328", "0055AED6DCD90281E5", 10).requestId());
    }

    @Test
    void theDropRecordReadsBackAsTheSameEvent() {
        DroppedPhoto event = new DroppedPhoto("bucket", "incoming/a b.png", "9b2c", "0055", 10);

        DroppedPhoto read = DroppedPhoto.fromJson(event.toJson());

        assertEquals(event.requestId(), read.requestId());
        assertEquals(Optional.of("a b"), read.name());
    }
}
