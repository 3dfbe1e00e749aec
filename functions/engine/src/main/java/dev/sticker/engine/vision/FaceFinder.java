package dev.sticker.engine.vision;

import dev.sticker.engine.nn.ModelResources;
import java.awt.image.BufferedImage;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the largest face in a photo: BlazeFace short range first, the back-camera BlazeFace for small or distant
 * faces when that finds nothing, and the LBP cascade as the last resort (eyes then estimated from the box).
 * Models are loaded and verified once; thread-safe.
 */
public final class FaceFinder {

    private static final Logger LOG = LoggerFactory.getLogger(FaceFinder.class);

    /** Longest side of the working copy every detector reads; detection needs no more detail. */
    static final int WORKING_SIZE = 640;
    /**
     * Minimum BlazeFace confidence. MediaPipe uses 0.5 for selfies; a stricter bar keeps animal faces and
     * face-like objects out, at the cost of a few very small or turned faces, which the fallbacks still catch.
     */
    static final float MIN_SCORE = 0.75f;
    /**
     * Largest face, as a fraction of the input side, the back-camera pass may report. That pass is there for small,
     * distant faces; a large "face" the short-range model rejected is most likely an animal (the cat test photo
     * scores 0.78 on the back-camera model at half the frame).
     */
    static final float BACK_MAX_FACE_SIZE = 0.3f;
    /**
     * Longest side of the image the cascade searches: its 45-pixel window then finds faces from 1/7 of the photo
     * up, enough for a portrait, at a quarter of the cost of searching the full working copy.
     */
    static final int CASCADE_SIZE = 320;
    /** Minimum merged raw cascade hits beyond the first, as OpenCV's minNeighbors. */
    static final int MIN_NEIGHBOURS = 3;
    /** Eye positions in a cascade box, as fractions of its size (the box spans brows to chin). */
    private static final float CASCADE_EYE_X = 0.3f;
    private static final float CASCADE_EYE_Y = 0.38f;

    private final BlazeFace front;
    private final BlazeFace back;
    private final LbpCascade cascade;

    private FaceFinder(BlazeFace front, BlazeFace back, LbpCascade cascade) {
        this.front = front;
        this.back = back;
        this.cascade = cascade;
    }

    /** Reads and verifies the bundled models. */
    public static FaceFinder load() {
        return load(ModelResources.bundled());
    }

    public static FaceFinder load(ModelResources resources) {
        return new FaceFinder(BlazeFace.frontCamera(resources), BlazeFace.backCamera(resources),
                LbpCascade.frontalFace(resources));
    }

    /** The largest face in the image, in its pixel coordinates; any BufferedImage type. */
    public Optional<Face> largestFace(BufferedImage image) {
        PixelGrid grid = PixelGrid.fromImage(image, WORKING_SIZE);
        double toImage = (double) image.getWidth() / grid.width();
        Optional<Face> face = blazeFace(front, grid, toImage, 1f)
                .or(() -> blazeFace(back, grid, toImage, BACK_MAX_FACE_SIZE))
                .or(() -> cascadeFace(grid, toImage));
        LOG.debug("face search on {}x{}: {}", image.getWidth(), image.getHeight(), face);
        return face;
    }

    Optional<Face> blazeFace(BlazeFace detector, PixelGrid grid, double toImage, float maxFaceSize) {
        Letterbox letterbox = Letterbox.of(grid, detector.inputSize());
        List<BlazeFace.Detection> detections = detector.detect(letterbox.input(), MIN_SCORE);
        return detections.stream()
                .filter(d -> d.width() <= maxFaceSize && d.height() <= maxFaceSize)
                .max(Comparator.comparingDouble(BlazeFace.Detection::area))
                .map(d -> letterbox.toFace(d, toImage));
    }

    Optional<Face> cascadeFace(PixelGrid grid, double toImage) {
        double shrink = Math.min(1.0, (double) CASCADE_SIZE / Math.max(grid.width(), grid.height()));
        PixelGrid searched = shrink < 1
                ? grid.resized(Math.max(1, (int) Math.round(grid.width() * shrink)),
                        Math.max(1, (int) Math.round(grid.height() * shrink)))
                : grid;
        double scale = toImage * grid.width() / searched.width();
        List<LbpCascade.Box> boxes = cascade.detect(searched.gray(), searched.width(), searched.height(),
                MIN_NEIGHBOURS);
        return boxes.stream().findFirst().map(box -> {
            float x = (float) (box.x() * scale);
            float y = (float) (box.y() * scale);
            float w = (float) (box.width() * scale);
            float h = (float) (box.height() * scale);
            // a stand-in confidence that grows with the number of merged hits
            float score = box.neighbours() / (box.neighbours() + (float) MIN_NEIGHBOURS);
            float eyeY = y + CASCADE_EYE_Y * h;
            return new Face(x, y, w, h, score, x + CASCADE_EYE_X * w, eyeY, x + (1 - CASCADE_EYE_X) * w, eyeY);
        });
    }

    /** The working image scaled into a square model input with its aspect ratio kept and the rest padded. */
    record Letterbox(float[] input, int size, int offsetX, int offsetY, double scale) {

        static Letterbox of(PixelGrid grid, int size) {
            double scale = (double) size / Math.max(grid.width(), grid.height());
            int width = Math.max(1, (int) Math.round(grid.width() * scale));
            int height = Math.max(1, (int) Math.round(grid.height() * scale));
            int offsetX = (size - width) / 2;
            int offsetY = (size - height) / 2;
            PixelGrid content = grid.resized(width, height);
            // padding stays 0, mid-grey in the model's [-1, 1] range
            float[] input = new float[size * size * 3];
            for (int y = 0; y < height; y++) {
                for (int x = 0; x < width; x++) {
                    int from = (y * width + x) * 3;
                    int to = ((y + offsetY) * size + x + offsetX) * 3;
                    for (int c = 0; c < 3; c++) {
                        input[to + c] = content.rgb()[from + c] / 127.5f - 1f;
                    }
                }
            }
            return new Letterbox(input, size, offsetX, offsetY,
                    (double) width / grid.width());
        }

        /** A detection in normalised input coordinates as a face in source-image pixels. */
        Face toFace(BlazeFace.Detection d, double toImage) {
            float[] k = d.keypoints();
            float w = imageLength(d.width(), toImage);
            float h = imageLength(d.height(), toImage);
            return new Face(imageX(d.centerX(), toImage) - w / 2, imageY(d.centerY(), toImage) - h / 2, w, h,
                    d.score(), imageX(k[0], toImage), imageY(k[1], toImage), imageX(k[2], toImage),
                    imageY(k[3], toImage));
        }

        private float imageX(float normalised, double toImage) {
            return (float) ((normalised * size - offsetX) / scale * toImage);
        }

        private float imageY(float normalised, double toImage) {
            return (float) ((normalised * size - offsetY) / scale * toImage);
        }

        private float imageLength(float normalised, double toImage) {
            return (float) (normalised * size / scale * toImage);
        }
    }
}
