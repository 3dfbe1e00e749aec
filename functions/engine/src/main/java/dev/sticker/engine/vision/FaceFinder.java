package dev.sticker.engine.vision;

import dev.sticker.engine.image.Parallelism;
import dev.sticker.engine.image.RgbImage;
import dev.sticker.engine.nn.ModelResources;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds faces in a photo. Whole-frame passes first: BlazeFace short range, then the back-camera BlazeFace for small
 * or distant faces when that finds nothing, then the LBP cascade (eyes then estimated from the box). Each pass sees
 * the photo at 128 or 256 pixels, so a face under about a sixteenth of the photo's longer side escapes them all;
 * {@link #smallFaces} then runs the short-range model over the photo at the scale where the smallest face wanted
 * becomes detectable. Models are loaded and verified once; thread-safe.
 */
public final class FaceFinder {

    private static final Logger LOG = LoggerFactory.getLogger(FaceFinder.class);

    /** Longest side of the working copy every whole-frame detector reads; detection needs no more detail. */
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

    /** Side of the square the short-range model reads in one pass of the small-face search. */
    static final int SLAB = 512;
    /**
     * Width in model pixels the smallest face searched for is scaled to. The short-range model finds every sample
     * face from 18 pixels up and a third of them at 16; 22 leaves a margin.
     */
    static final double SMALL_FACE_PIXELS = 22;
    /** Each scale of the small-face search looks for faces up to this many times its smallest. */
    static final double SCALE_RANGE = 3;
    /** Slabs overlap by more than the largest face a scale looks for, so every such face is whole in one of them. */
    static final int SLAB_OVERLAP = 80;
    /**
     * Faces the whole-frame passes already find, as a fraction of the photo's longer side (the back-camera model
     * finds 16 of its 256 pixels; this leaves a margin). The small-face search stops below this size.
     */
    static final double WHOLE_FRAME_FACE = 0.1;
    /** Small-face detections narrower than this fraction of the smallest face searched for are dropped. */
    private static final double SMALLEST_KEPT = 0.75;

    private final BlazeFace front;
    private final BlazeFace back;
    private final LbpCascade cascade;
    private final BlazeFace slab;

    private FaceFinder(BlazeFace front, BlazeFace back, LbpCascade cascade, BlazeFace slab) {
        this.front = front;
        this.back = back;
        this.cascade = cascade;
        this.slab = slab;
    }

    /** Reads and verifies the bundled models. */
    public static FaceFinder load() {
        return load(ModelResources.bundled());
    }

    public static FaceFinder load(ModelResources resources) {
        return new FaceFinder(BlazeFace.frontCamera(resources), BlazeFace.backCamera(resources),
                LbpCascade.frontalFace(resources), BlazeFace.frontCamera(resources, SLAB));
    }

    /**
     * The faces the first successful whole-frame pass finds (short range, back camera, cascade), in image pixels;
     * empty when none finds any.
     */
    public List<Face> faces(RgbImage image) {
        PixelGrid grid = PixelGrid.fromImage(image, WORKING_SIZE);
        double toImage = (double) image.width() / grid.width();
        List<Face> faces = blazeFaces(front, grid, toImage, 1f);
        if (faces.isEmpty()) {
            faces = blazeFaces(back, grid, toImage, BACK_MAX_FACE_SIZE);
        }
        if (faces.isEmpty()) {
            faces = cascadeFaces(grid, toImage);
        }
        LOG.debug("face search on {}x{}: {}", image.width(), image.height(), faces);
        return faces;
    }

    /**
     * Faces at least {@code minFace} image pixels wide that are too small for the whole-frame passes: the
     * short-range model runs over overlapping {@value #SLAB}-pixel squares of the image scaled so that
     * {@code minFace} becomes {@value #SMALL_FACE_PIXELS} pixels, then at coarser scales until the faces sought are
     * ones the whole-frame passes find; detections from all squares and scales are merged by non-maximum
     * suppression. The cost grows with the image area divided by {@code minFace} squared.
     */
    public List<Face> smallFaces(RgbImage image, double minFace, Parallelism parallelism) {
        double wholeFrame = WHOLE_FRAME_FACE * Math.max(image.width(), image.height());
        List<Square> squares = new ArrayList<>();
        for (double smallest = minFace; smallest < wholeFrame; smallest *= SCALE_RANGE) {
            double sourcePerPixel = smallest / SMALL_FACE_PIXELS;
            int[] xs = origins(image.width() / sourcePerPixel);
            int[] ys = origins(image.height() / sourcePerPixel);
            for (int y : ys) {
                for (int x : xs) {
                    squares.add(new Square(x * sourcePerPixel, y * sourcePerPixel, sourcePerPixel));
                }
            }
        }
        List<List<BlazeFace.Detection>> found = new ArrayList<>();
        for (int i = 0; i < squares.size(); i++) {
            found.add(List.of());
        }
        parallelism.forRange(squares.size(), 1, (from, to) -> {
            for (int i = from; i < to; i++) {
                found.set(i, detectInSquare(image, squares.get(i)));
            }
        });
        List<BlazeFace.Detection> candidates = new ArrayList<>();
        found.forEach(candidates::addAll);
        List<Face> faces = new ArrayList<>();
        for (BlazeFace.Detection d : BlazeFace.suppress(candidates)) {
            if (d.width() >= SMALLEST_KEPT * minFace) {
                faces.add(faceInPixels(d));
            }
        }
        LOG.debug("small-face search on {}x{} from {} px, {} squares: {}", image.width(), image.height(), minFace,
                squares.size(), faces);
        return faces;
    }

    /** One model input of the small-face search: its top-left corner in the image and its scale. */
    private record Square(double left, double top, double sourcePerPixel) {
    }

    /** Detections in one square, in image pixels. */
    private List<BlazeFace.Detection> detectInSquare(RgbImage image, Square square) {
        PixelGrid window = PixelGrid.window(image, square.left(), square.top(), square.sourcePerPixel(), SLAB);
        float[] input = window.rgb();
        for (int i = 0; i < input.length; i++) {
            input[i] = input[i] / 127.5f - 1f;
        }
        List<BlazeFace.Detection> inImage = new ArrayList<>();
        double size = SLAB * square.sourcePerPixel();
        for (BlazeFace.Detection d : slab.detect(input, MIN_SCORE)) {
            float[] keypoints = new float[d.keypoints().length];
            for (int k = 0; k < keypoints.length; k += 2) {
                keypoints[k] = (float) (square.left() + d.keypoints()[k] * size);
                keypoints[k + 1] = (float) (square.top() + d.keypoints()[k + 1] * size);
            }
            inImage.add(new BlazeFace.Detection((float) (square.left() + d.centerX() * size),
                    (float) (square.top() + d.centerY() * size), (float) (d.width() * size),
                    (float) (d.height() * size), d.score(), keypoints));
        }
        return inImage;
    }

    /** Where squares start along one axis of {@code length} scaled pixels: evenly spread, overlapping. */
    private static int[] origins(double length) {
        if (length <= SLAB) {
            return new int[] {0};
        }
        int count = (int) Math.ceil((length - SLAB_OVERLAP) / (SLAB - SLAB_OVERLAP));
        int[] origins = new int[count];
        double last = Math.ceil(length) - SLAB;
        for (int i = 0; i < count; i++) {
            origins[i] = (int) Math.round(i * last / (count - 1));
        }
        return origins;
    }

    private static Face faceInPixels(BlazeFace.Detection d) {
        float[] k = d.keypoints();
        return new Face(d.centerX() - d.width() / 2, d.centerY() - d.height() / 2, d.width(), d.height(), d.score(),
                k[0], k[1], k[2], k[3]);
    }

    List<Face> blazeFaces(BlazeFace detector, PixelGrid grid, double toImage, float maxFaceSize) {
        Letterbox letterbox = Letterbox.of(grid, detector.inputSize());
        return detector.detect(letterbox.input(), MIN_SCORE).stream()
                .filter(d -> d.width() <= maxFaceSize && d.height() <= maxFaceSize)
                .map(d -> letterbox.toFace(d, toImage))
                .toList();
    }

    List<Face> cascadeFaces(PixelGrid grid, double toImage) {
        double shrink = Math.min(1.0, (double) CASCADE_SIZE / Math.max(grid.width(), grid.height()));
        PixelGrid searched = shrink < 1
                ? grid.resized(Math.max(1, (int) Math.round(grid.width() * shrink)),
                        Math.max(1, (int) Math.round(grid.height() * shrink)))
                : grid;
        double scale = toImage * grid.width() / searched.width();
        List<LbpCascade.Box> boxes = cascade.detect(searched.gray(), searched.width(), searched.height(),
                MIN_NEIGHBOURS);
        return boxes.stream().map(box -> {
            float x = (float) (box.x() * scale);
            float y = (float) (box.y() * scale);
            float w = (float) (box.width() * scale);
            float h = (float) (box.height() * scale);
            // a stand-in confidence that grows with the number of merged hits
            float score = box.neighbours() / (box.neighbours() + (float) MIN_NEIGHBOURS);
            float eyeY = y + CASCADE_EYE_Y * h;
            return new Face(x, y, w, h, score, x + CASCADE_EYE_X * w, eyeY, x + (1 - CASCADE_EYE_X) * w, eyeY);
        }).toList();
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
