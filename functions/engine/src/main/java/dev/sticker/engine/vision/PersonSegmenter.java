package dev.sticker.engine.vision;

import dev.sticker.engine.nn.GraphModel;
import dev.sticker.engine.nn.ModelResources;
import dev.sticker.engine.image.RgbImage;

/** MediaPipe selfie segmentation: how likely each part of a photo is to show a person. Thread-safe. */
public final class PersonSegmenter {

    /** Side of the square mask and of the model input. */
    public static final int SIZE = 256;
    /** Longest side of the working copy averaged from the photo before it is resampled to the model input. */
    private static final int WORKING_SIZE = 2 * SIZE;

    private final GraphModel model;

    private PersonSegmenter(GraphModel model) {
        this.model = model;
    }

    /** Reads and verifies the bundled model. */
    public static PersonSegmenter load() {
        return load(ModelResources.bundled());
    }

    public static PersonSegmenter load(ModelResources resources) {
        return new PersonSegmenter(GraphModel.load(resources, "selfie.json"));
    }

    /**
     * Person probability in [0,1] for the given image, as a 256x256 row-major array (the image is resized to
     * 256x256 first unless it has that size already).
     */
    public float[] segment(RgbImage image) {
        float[] input;
        if (image.width() == SIZE && image.height() == SIZE) {
            int[] pixels = image.pixels();
            input = new float[pixels.length * 3];
            for (int i = 0; i < pixels.length; i++) {
                int p = pixels[i];
                input[3 * i] = ((p >> 16) & 0xff) / 255f;
                input[3 * i + 1] = ((p >> 8) & 0xff) / 255f;
                input[3 * i + 2] = (p & 0xff) / 255f;
            }
        } else {
            input = PixelGrid.fromImage(image, WORKING_SIZE).resized(SIZE, SIZE).rgb();
            for (int i = 0; i < input.length; i++) {
                input[i] /= 255f;
            }
        }
        return model.run(input).values().iterator().next().values();
    }
}
