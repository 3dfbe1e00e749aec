package dev.sticker.core.request;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ObjectKeysTest {

    @Test
    void objectKeysFollowTheLayoutAndTheFileRouteServesOnlyThem() {
        assertEquals("inputs/r1/input", ObjectKeys.input("r1"));
        assertEquals("results/r1/sticker.png", ObjectKeys.sticker("r1"));
        assertEquals("results/r1/sticker_background_removed.png", ObjectKeys.stickerBackgroundRemoved("r1"));
        assertTrue(ObjectKeys.isServable("results/r1/sticker.png"));
        assertTrue(ObjectKeys.isServable("uploads/abc/photo.jpg"));
        assertFalse(ObjectKeys.isServable("results/../secrets"));
        assertFalse(ObjectKeys.isServable("incoming/x.jpg"));
        assertFalse(ObjectKeys.isServable(null));
    }
}
