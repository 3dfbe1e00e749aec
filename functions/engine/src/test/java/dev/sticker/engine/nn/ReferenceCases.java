package dev.sticker.engine.nn;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;

/**
 * The reference cases written by tools/tfjs-reference: inputs are rebuilt here from their recipe exactly as the
 * script built them, outputs are the TensorFlow.js CPU backend's float32 results.
 */
final class ReferenceCases {

    record Output(String node, int[] shape, int sampleStep, float[] expected) {
    }

    record Case(String name, String model, float[] input, double expectedInputSum, float[] expectedInputHead,
            List<Output> outputs) {

        @Override
        public String toString() {
            return name;
        }
    }

    private ReferenceCases() {
    }

    static List<Case> load() {
        JsonNode manifest = json("/reference/cases.json");
        List<Case> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            JsonNode input = c.get("input");
            List<Output> outputs = new ArrayList<>();
            for (JsonNode o : c.get("outputs")) {
                outputs.add(new Output(o.get("node").asText(), ints(o.get("shape")), o.get("sampleStep").asInt(),
                        floats("/reference/" + o.get("file").asText())));
            }
            float[] head = new float[input.get("head").size()];
            for (int i = 0; i < head.length; i++) {
                head[i] = (float) input.get("head").get(i).asDouble();
            }
            cases.add(new Case(c.get("name").asText(), c.get("model").asText(), buildInput(input),
                    input.get("checkSum").asDouble(), head, outputs));
        }
        return cases;
    }

    /** Every sampleStep-th row and column of an NHWC tensor, as the script subsampled it. */
    static float[] subsample(float[] values, int[] shape, int step) {
        if (step == 1) {
            return values;
        }
        int height = shape[1];
        int width = shape[2];
        int channels = shape[3];
        List<Float> kept = new ArrayList<>();
        for (int y = 0; y < height; y += step) {
            for (int x = 0; x < width; x += step) {
                for (int c = 0; c < channels; c++) {
                    kept.add(values[(y * width + x) * channels + c]);
                }
            }
        }
        float[] out = new float[kept.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = kept.get(i);
        }
        return out;
    }

    private static float[] buildInput(JsonNode input) {
        int[] shape = ints(input.get("shape"));
        int size = shape[1];
        boolean minusOneToOne = input.get("range").asText().equals("minusOneToOne");
        float[] values = new float[size * size * 3];
        if (input.get("kind").asText().equals("noise")) {
            int state = input.get("seed").asInt();
            for (int i = 0; i < values.length; i++) {
                state ^= state << 13;
                state ^= state >>> 17;
                state ^= state << 5;
                double unit = (state >>> 8) / 16777216.0;
                values[i] = (float) (minusOneToOne ? unit * 2 - 1 : unit);
            }
        } else {
            BufferedImage image = image("/images/" + input.get("file").asText());
            int step = input.get("step").asInt();
            int left = input.path("left").asInt(0);
            int top = input.path("top").asInt(0);
            for (int y = 0; y < size; y++) {
                for (int x = 0; x < size; x++) {
                    int rgb = image.getRGB(left + x * step, top + y * step);
                    int[] bytes = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                    for (int c = 0; c < 3; c++) {
                        values[(y * size + x) * 3 + c] =
                                (float) (minusOneToOne ? bytes[c] / 127.5 - 1 : bytes[c] / 255.0);
                    }
                }
            }
        }
        return values;
    }

    private static int[] ints(JsonNode array) {
        int[] values = new int[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asInt();
        }
        return values;
    }

    private static JsonNode json(String resource) {
        try (InputStream in = stream(resource)) {
            return new ObjectMapper().readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static float[] floats(String resource) {
        try (InputStream in = stream(resource)) {
            ByteBuffer bytes = ByteBuffer.wrap(in.readAllBytes()).order(ByteOrder.LITTLE_ENDIAN);
            float[] values = new float[bytes.remaining() / Float.BYTES];
            bytes.asFloatBuffer().get(values);
            return values;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static BufferedImage image(String resource) {
        try (InputStream in = stream(resource)) {
            return ImageIO.read(in);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static InputStream stream(String resource) {
        InputStream in = ReferenceCases.class.getResourceAsStream(resource);
        if (in == null) {
            throw new IllegalStateException("missing test resource " + resource);
        }
        return in;
    }
}
