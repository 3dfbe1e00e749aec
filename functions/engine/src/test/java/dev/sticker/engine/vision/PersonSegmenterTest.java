package dev.sticker.engine.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.sticker.engine.image.RgbImage;
import org.junit.jupiter.api.Test;

class PersonSegmenterTest {

    @Test
    void astronautMaskIsHighOnTheFaceAndLowOnTheBackground() {
        float[] mask = PersonSegmenter.load().segment(RgbImage.of(TestImages.load("astronaut")));
        assertEquals(PersonSegmenter.SIZE * PersonSegmenter.SIZE, mask.length);
        // the face centre is near (225, 125) in the 512x512 photo: (112, 62) in the mask
        assertTrue(at(mask, 112, 62) > 0.9f, "face centre " + at(mask, 112, 62));
        // the top corners are studio backdrop, the middle of the left edge is the flag; the bottom corners are
        // not tested because the spacesuit reaches into both
        int last = PersonSegmenter.SIZE - 3;
        for (int[] background : new int[][] {{2, 2}, {last, 2}, {2, PersonSegmenter.SIZE / 2}}) {
            assertTrue(at(mask, background[0], background[1]) < 0.1f, "background " + background[0] + ","
                    + background[1] + ": " + at(mask, background[0], background[1]));
        }
        for (float p : mask) {
            assertTrue(p >= 0f && p <= 1f, "probability " + p);
        }
    }

    private static float at(float[] mask, int x, int y) {
        return mask[y * PersonSegmenter.SIZE + x];
    }
}
