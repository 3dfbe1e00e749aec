package dev.sticker.engine.cut;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.util.ArrayDeque;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class RunRegionsTest {

    @Test
    void regionAndFilledHolesMatchAPixelByPixelFlood() {
        SplittableRandom random = new SplittableRandom(5);
        for (int trial = 0; trial < 60; trial++) {
            int width = 20 + random.nextInt(60);
            int height = 20 + random.nextInt(60);
            byte[] mask = blobs(width, height, random);
            int seed = -1;
            for (int attempt = 0; attempt < 1000 && seed < 0; attempt++) {
                int candidate = random.nextInt(width * height);
                if (mask[candidate] == SubjectMask.SUBJECT) {
                    seed = candidate;
                }
            }
            if (seed < 0) {
                continue;
            }
            assertArrayEquals(reference(mask, width, height, seed),
                    RunRegions.regionWithHolesFilled(mask, width, height, seed), "trial " + trial);
        }
    }

    /** Random discs and rings of subject on background, some touching, some with holes, some at the edges. */
    private static byte[] blobs(int width, int height, SplittableRandom random) {
        byte[] mask = new byte[width * height];
        for (int b = 0; b < 12; b++) {
            int cx = random.nextInt(width);
            int cy = random.nextInt(height);
            int outer = 2 + random.nextInt(12);
            int inner = random.nextBoolean() ? random.nextInt(outer) : 0;
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int d = (x - cx) * (x - cx) + (y - cy) * (y - cy);
                    if (d <= outer * outer && d >= inner * inner) {
                        mask[y * width + x] = SubjectMask.SUBJECT;
                    }
                }
            }
        }
        return mask;
    }

    /** Breadth-first floods: the seed's 4-connected subject region, then background not reachable from the border. */
    private static byte[] reference(byte[] mask, int width, int height, int seed) {
        byte[] region = new byte[mask.length];
        flood(mask, SubjectMask.SUBJECT, region, width, height, seed);
        byte[] outside = new byte[mask.length];
        for (int x = 0; x < width; x++) {
            for (int i : new int[] {x, (height - 1) * width + x}) {
                if (region[i] == SubjectMask.BACKGROUND && outside[i] == 0) {
                    flood(region, SubjectMask.BACKGROUND, outside, width, height, i);
                }
            }
        }
        for (int y = 0; y < height; y++) {
            for (int i : new int[] {y * width, y * width + width - 1}) {
                if (region[i] == SubjectMask.BACKGROUND && outside[i] == 0) {
                    flood(region, SubjectMask.BACKGROUND, outside, width, height, i);
                }
            }
        }
        byte[] filled = new byte[mask.length];
        for (int i = 0; i < mask.length; i++) {
            filled[i] = outside[i] == 1 ? SubjectMask.BACKGROUND : SubjectMask.SUBJECT;
        }
        return filled;
    }

    private static void flood(byte[] mask, byte value, byte[] reached, int width, int height, int seed) {
        ArrayDeque<Integer> queue = new ArrayDeque<>();
        reached[seed] = 1;
        queue.add(seed);
        while (!queue.isEmpty()) {
            int p = queue.poll();
            int x = p % width;
            int y = p / width;
            int[][] neighbours = {{x - 1, y}, {x + 1, y}, {x, y - 1}, {x, y + 1}};
            for (int[] n : neighbours) {
                if (n[0] >= 0 && n[0] < width && n[1] >= 0 && n[1] < height) {
                    int q = n[1] * width + n[0];
                    if (mask[q] == value && reached[q] == 0) {
                        reached[q] = 1;
                        queue.add(q);
                    }
                }
            }
        }
    }
}
