package dev.sticker.engine.nn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.HashMap;
import java.util.Map;

/**
 * Decodes a TensorFlow.js weights manifest: the weights of all groups lie back to back in the concatenation of
 * the groups' files, little-endian, each stored as float32, int32, float16 or affine-quantised uint8/uint16.
 */
final class WeightsDecoder {

    private WeightsDecoder() {
    }

    static Map<String, Constant> decode(JsonNode weightsManifest, ByteBuffer weightData) {
        ByteBuffer data = weightData.duplicate().order(ByteOrder.LITTLE_ENDIAN);
        Map<String, Constant> constants = new HashMap<>();
        for (JsonNode group : weightsManifest) {
            for (JsonNode weight : group.get("weights")) {
                String name = weight.get("name").asText();
                int[] shape = new int[weight.get("shape").size()];
                for (int i = 0; i < shape.length; i++) {
                    shape[i] = weight.get("shape").get(i).asInt();
                }
                constants.put(name, decodeOne(name, weight, shape, data));
            }
        }
        if (data.hasRemaining()) {
            throw new UnsupportedGraphException(data.remaining() + " bytes of weight data are not described by the manifest");
        }
        return Map.copyOf(constants);
    }

    private static Constant decodeOne(String name, JsonNode weight, int[] shape, ByteBuffer data) {
        int count = Tensor.elementCount(shape);
        String dtype = weight.get("dtype").asText();
        JsonNode quantization = weight.get("quantization");
        String storedAs = quantization == null ? dtype : quantization.get("dtype").asText();
        if (dtype.equals("int32") && quantization == null) {
            int[] values = new int[count];
            data.asIntBuffer().get(values);
            data.position(data.position() + count * Integer.BYTES);
            return new Constant.Ints(shape, values);
        }
        if (!dtype.equals("float32") && !dtype.equals("float16")) {
            throw new UnsupportedGraphException("weight " + name + " has unsupported dtype " + dtype);
        }
        float[] values = new float[count];
        switch (storedAs) {
            case "float32" -> {
                data.asFloatBuffer().get(values);
                data.position(data.position() + count * Float.BYTES);
            }
            case "float16" -> {
                for (int i = 0; i < count; i++) {
                    values[i] = halfToFloat(data.getShort());
                }
            }
            case "uint8", "uint16" -> {
                float scale = (float) quantization.get("scale").asDouble();
                float min = (float) quantization.get("min").asDouble();
                for (int i = 0; i < count; i++) {
                    int q = storedAs.equals("uint8") ? Byte.toUnsignedInt(data.get()) : Short.toUnsignedInt(data.getShort());
                    values[i] = q * scale + min;
                }
            }
            default -> throw new UnsupportedGraphException("weight " + name + " is stored as unsupported " + storedAs);
        }
        return new Constant.Floats(shape, values);
    }

    /** IEEE 754 binary16 to binary32, exact for every input including subnormals, infinities and NaN. */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exactly representable in float32
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
