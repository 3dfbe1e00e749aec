package dev.sticker.engine.nn;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** One node of a TensorFlow graph as the TensorFlow.js converter writes it: attributes keep their proto-JSON form. */
record NodeDef(String name, String op, List<String> inputs, JsonNode attrs) {

    static NodeDef parse(JsonNode node) {
        List<String> inputs = new ArrayList<>();
        for (JsonNode input : node.path("input")) {
            String reference = input.asText();
            if (reference.startsWith("^")) {
                continue; // control dependency: ordering only, no data
            }
            int colon = reference.indexOf(':');
            if (colon >= 0 && !reference.substring(colon + 1).equals("0")) {
                throw new UnsupportedGraphException("node " + node.get("name").asText() + " reads output " + reference
                        + "; only single-output operations are supported");
            }
            inputs.add(colon >= 0 ? reference.substring(0, colon) : reference);
        }
        return new NodeDef(node.get("name").asText(), node.get("op").asText(), List.copyOf(inputs), node.path("attr"));
    }

    String string(String attr, String fallback) {
        JsonNode value = attrs.path(attr).path("s");
        return value.isMissingNode() ? fallback : decode(value.asText());
    }

    List<String> strings(String attr) {
        List<String> values = new ArrayList<>();
        for (JsonNode value : attrs.path(attr).path("list").path("s")) {
            values.add(decode(value.asText()));
        }
        return values;
    }

    int[] ints(String attr, int[] fallback) {
        JsonNode list = attrs.path(attr).path("list").path("i");
        if (list.isMissingNode() || list.isEmpty()) {
            return fallback;
        }
        int[] values = new int[list.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = list.get(i).asInt();
        }
        return values;
    }

    int integer(String attr, int fallback) {
        JsonNode value = attrs.path(attr).path("i");
        return value.isMissingNode() ? fallback : value.asInt();
    }

    boolean bool(String attr, boolean fallback) {
        JsonNode value = attrs.path(attr).path("b");
        return value.isMissingNode() ? fallback : value.asBoolean();
    }

    private static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }
}
