package dev.sticker.engine.vision;

import dev.sticker.engine.nn.GraphModel;
import dev.sticker.engine.nn.ModelResources;
import dev.sticker.engine.nn.Tensor;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A MediaPipe BlazeFace detector: the graph model, its SSD anchors and the decoding of its raw outputs into face
 * boxes with six keypoints (right eye, left eye, nose, mouth, right ear, left ear), followed by weighted
 * non-maximum suppression. Coordinates are normalised to the square model input.
 *
 * <p>The network is fully convolutional up to its heads, so the short-range model also runs on a larger square
 * ({@link #frontCamera(ModelResources, int)}): it then ends at the head convolutions, before the reshapes that bake
 * in 128x128, and its anchors cover the larger grid. A face of a given size in pixels scores as it would in a
 * 128x128 input, so one pass over a large input replaces many overlapping 128x128 tiles.
 */
final class BlazeFace {

    /** Anchors per feature-map cell for one head, and the head's stride in input pixels. */
    record Head(int stride, int anchorsPerCell, String scoresOutput, String boxesOutput) {
    }

    /** A detection in normalised input coordinates; keypoints as x0, y0, x1, y1, ... */
    record Detection(float centerX, float centerY, float width, float height, float score, float[] keypoints) {

        float area() {
            return width * height;
        }
    }

    private static final int VALUES_PER_ANCHOR = 16;
    private static final int FRONT_INPUT = 128;
    private static final String FRONT_LAYERS = "StatefulPartitionedCall/functional_1/";
    private static final float SUPPRESSION_IOU = 0.3f;
    // MediaPipe clips raw scores to this magnitude before the sigmoid
    private static final float SCORE_CLIP = 100f;

    private final GraphModel model;
    private final int inputSize;
    private final List<Head> heads;
    private final float[] anchorX;
    private final float[] anchorY;

    private BlazeFace(GraphModel model, List<Head> heads) {
        this.model = model;
        this.inputSize = model.inputShape()[1];
        this.heads = List.copyOf(heads);
        int count = 0;
        for (Head head : heads) {
            int cells = inputSize / head.stride();
            count += cells * cells * head.anchorsPerCell();
        }
        this.anchorX = new float[count];
        this.anchorY = new float[count];
        int a = 0;
        for (Head head : heads) {
            // SSD anchors with fixed size: centres of a stride x stride grid, repeated per anchor in the cell
            int cells = inputSize / head.stride();
            for (int y = 0; y < cells; y++) {
                for (int x = 0; x < cells; x++) {
                    for (int k = 0; k < head.anchorsPerCell(); k++, a++) {
                        anchorX[a] = (x + 0.5f) / cells;
                        anchorY[a] = (y + 0.5f) / cells;
                    }
                }
            }
        }
    }

    /** The short-range model: 128x128 input, strides 8 and 16 (2 and 6 anchors per cell), 896 anchors. */
    static BlazeFace frontCamera(ModelResources resources) {
        return new BlazeFace(GraphModel.load(resources, "blazeface-front.json"), List.of(
                new Head(8, 2, "Identity", "Identity_2"), new Head(16, 6, "Identity_1", "Identity_3")));
    }

    /**
     * The short-range model run fully convolutionally on a {@code side} x {@code side} input (a multiple of 16),
     * read at its head convolutions.
     */
    static BlazeFace frontCamera(ModelResources resources, int side) {
        if (side % 16 != 0 || side < FRONT_INPUT) {
            throw new IllegalArgumentException("side must be a multiple of 16 of at least 128, got " + side);
        }
        List<Head> heads = List.of(
                new Head(8, 2, FRONT_LAYERS + "conv2d_17/BiasAdd", FRONT_LAYERS + "conv2d_19/BiasAdd"),
                new Head(16, 6, FRONT_LAYERS + "conv2d_18/BiasAdd", FRONT_LAYERS + "conv2d_20/BiasAdd"));
        List<String> outputs = heads.stream().flatMap(h -> Stream.of(h.scoresOutput(),
                h.boxesOutput())).toList();
        return new BlazeFace(GraphModel.load(resources, "blazeface-front.json", new int[] {1, side, side, 3}, outputs),
                heads);
    }

    /** The back-camera model for small faces: 256x256 input, strides 16 and 32 (2 and 6 anchors per cell), 896 anchors. */
    static BlazeFace backCamera(ModelResources resources) {
        return new BlazeFace(GraphModel.load(resources, "blazeface.json"), List.of(
                new Head(16, 2, "Identity", "Identity_2"), new Head(32, 6, "Identity_1", "Identity_3")));
    }

    int inputSize() {
        return inputSize;
    }

    int anchorCount() {
        return anchorX.length;
    }

    /**
     * Faces scoring at least {@code minScore} in an NHWC input of {@link #inputSize()} squared with values in
     * [-1, 1], after weighted non-maximum suppression, best first.
     */
    List<Detection> detect(float[] input, float minScore) {
        Map<String, Tensor> outputs = model.run(input);
        List<Detection> candidates = new ArrayList<>();
        int anchorBase = 0;
        for (Head head : heads) {
            float[] scores = outputs.get(head.scoresOutput()).values();
            float[] boxes = outputs.get(head.boxesOutput()).values();
            for (int i = 0; i < scores.length; i++) {
                float raw = Math.max(-SCORE_CLIP, Math.min(SCORE_CLIP, scores[i]));
                float score = (float) (1 / (1 + Math.exp(-raw)));
                if (score >= minScore) {
                    candidates.add(decode(boxes, i, anchorBase + i, score));
                }
            }
            anchorBase += scores.length;
        }
        return suppress(candidates);
    }

    private Detection decode(float[] boxes, int row, int anchor, float score) {
        int o = row * VALUES_PER_ANCHOR;
        // box offsets are in input pixels
        float scale = inputSize;
        float[] keypoints = new float[12];
        for (int k = 0; k < 6; k++) {
            keypoints[2 * k] = boxes[o + 4 + 2 * k] / scale + anchorX[anchor];
            keypoints[2 * k + 1] = boxes[o + 5 + 2 * k] / scale + anchorY[anchor];
        }
        return new Detection(boxes[o] / scale + anchorX[anchor], boxes[o + 1] / scale + anchorY[anchor],
                boxes[o + 2] / scale, boxes[o + 3] / scale, score, keypoints);
    }

    /** MediaPipe's weighted suppression: each cluster of overlapping boxes becomes their score-weighted average. */
    static List<Detection> suppress(List<Detection> candidates) {
        List<Detection> remaining = new ArrayList<>(candidates);
        remaining.sort(Comparator.comparingDouble(Detection::score).reversed());
        List<Detection> kept = new ArrayList<>();
        while (!remaining.isEmpty()) {
            Detection best = remaining.get(0);
            List<Detection> cluster = new ArrayList<>();
            List<Detection> rest = new ArrayList<>();
            for (Detection candidate : remaining) {
                (iou(best, candidate) > SUPPRESSION_IOU ? cluster : rest).add(candidate);
            }
            remaining = rest;
            float total = 0;
            float cx = 0;
            float cy = 0;
            float w = 0;
            float h = 0;
            float[] keypoints = new float[best.keypoints().length];
            for (Detection d : cluster) {
                total += d.score();
                cx += d.score() * d.centerX();
                cy += d.score() * d.centerY();
                w += d.score() * d.width();
                h += d.score() * d.height();
                for (int k = 0; k < keypoints.length; k++) {
                    keypoints[k] += d.score() * d.keypoints()[k];
                }
            }
            for (int k = 0; k < keypoints.length; k++) {
                keypoints[k] /= total;
            }
            kept.add(new Detection(cx / total, cy / total, w / total, h / total, best.score(), keypoints));
        }
        return kept;
    }

    static float iou(Detection a, Detection b) {
        float left = Math.max(a.centerX() - a.width() / 2, b.centerX() - b.width() / 2);
        float right = Math.min(a.centerX() + a.width() / 2, b.centerX() + b.width() / 2);
        float top = Math.max(a.centerY() - a.height() / 2, b.centerY() - b.height() / 2);
        float bottom = Math.min(a.centerY() + a.height() / 2, b.centerY() + b.height() / 2);
        float intersection = Math.max(0, right - left) * Math.max(0, bottom - top);
        float union = a.area() + b.area() - intersection;
        return union <= 0 ? 0 : intersection / union;
    }
}
