package dev.sticker.engine.vision;

import dev.sticker.engine.nn.GraphModel;
import dev.sticker.engine.nn.ModelResources;
import java.awt.image.BufferedImage;

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

    /** Person probability in [0,1] for the given image, as a 256x256 row-major array (the image is resized to 256x256 internally). */
    public float[] segment(BufferedImage image) {
        PixelGrid grid = PixelGrid.fromImage(image, WORKING_SIZE).resized(SIZE, SIZE);
        float[] input = grid.rgb();
        for (int i = 0; i < input.length; i++) {
            input[i] /= 255f;
        }
        return model.run(input).values().iterator().next().values();
    }
}
