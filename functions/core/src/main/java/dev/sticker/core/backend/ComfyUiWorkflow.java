package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Our face-to-sticker workflow in ComfyUI's API format ({@value #RESOURCE}): SDXL checkpoint and sticker LoRA,
 * InstantID to keep the face, IP-Adapter (with a noise negative) for the photo's look, a KSampler, an optional 2x
 * latent upscale with a second, shorter pass, and InSPyReNet background removal. Custom nodes it needs:
 * ComfyUI_InstantID, ComfyUI_IPAdapter_plus and ComfyUI-Inspyrenet-Rembg.
 *
 * <p>Placeholders {@code ${name}} are filled per job: a string that is exactly one placeholder becomes the typed
 * value (a number stays a number), one inside longer text is replaced in the text, in one pass, so a prompt that
 * itself contains {@code ${...}} is left as written. Nodes no output needs (the upscale pass when not upscaling) are
 * dropped.
 */
final class ComfyUiWorkflow {

    static final String RESOURCE = "comfyui-face-to-sticker.json";
    /** The SaveImage node of the sticker. */
    static final String STICKER_NODE = "40";
    /** The SaveImage node of the sticker without its background. */
    static final String BACKGROUND_REMOVED_NODE = "41";
    /** The sampler whose seed the result reports. */
    static final String SAMPLER_NODE = "20";
    private static final String DECODED_NODE = "21";
    private static final String UPSCALED_NODE = "24";
    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([a-z_]+)}");

    private final ObjectNode template;
    private final ComfyUiModels models;

    ComfyUiWorkflow(ComfyUiModels models) {
        this.models = models;
        try (InputStream in = ComfyUiWorkflow.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the classpath");
            }
            this.template = (ObjectNode) Json.MAPPER.readTree(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }

    /** The workflow for one job, ready for {@code POST /prompt}. */
    ObjectNode fill(StickerInput input, long seed, String uploadedImage) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        Map<String, JsonNode> values = new HashMap<>();
        values.put("checkpoint", nodes.textNode(models.checkpoint()));
        values.put("lora", nodes.textNode(models.lora()));
        values.put("instantid_model", nodes.textNode(models.instantIdModel()));
        values.put("instantid_controlnet", nodes.textNode(models.instantIdControlNet()));
        values.put("ipadapter_model", nodes.textNode(models.ipAdapterModel()));
        values.put("clip_vision", nodes.textNode(models.clipVision()));
        values.put("image", nodes.textNode(uploadedImage));
        values.put("prompt", nodes.textNode(input.prompt()));
        values.put("negative_prompt", nodes.textNode(input.negativePrompt()));
        values.put("seed", nodes.numberNode(seed));
        values.put("steps", nodes.numberNode(input.numInferenceSteps()));
        values.put("cfg", nodes.numberNode(input.guidanceScale()));
        values.put("width", nodes.numberNode(input.imageSize().width()));
        values.put("height", nodes.numberNode(input.imageSize().height()));
        values.put("instant_id_strength", nodes.numberNode(input.instantIdStrength()));
        values.put("ip_adapter_weight", nodes.numberNode(input.ipAdapterWeight()));
        values.put("ip_adapter_noise", nodes.numberNode(input.ipAdapterNoise()));
        values.put("upscale_steps", nodes.numberNode(input.upscaleSteps()));
        values.put("final_image", nodes.textNode(input.upscale() ? UPSCALED_NODE : DECODED_NODE));
        ObjectNode workflow = (ObjectNode) fill(template.deepCopy(), values);
        return reachableFromOutputs(workflow);
    }

    private static JsonNode fill(JsonNode node, Map<String, JsonNode> values) {
        if (node.isTextual()) {
            return fillText(node.textValue(), values);
        }
        if (node.isObject()) {
            node.fields().forEachRemaining(field -> field.setValue(fill(field.getValue(), values)));
        } else if (node instanceof ArrayNode array) {
            for (int i = 0; i < array.size(); i++) {
                array.set(i, fill(array.get(i), values));
            }
        }
        return node;
    }

    private static JsonNode fillText(String text, Map<String, JsonNode> values) {
        Matcher matcher = PLACEHOLDER.matcher(text);
        if (matcher.matches()) {
            return value(matcher.group(1), values);
        }
        StringBuilder filled = new StringBuilder();
        matcher.reset();
        while (matcher.find()) {
            matcher.appendReplacement(filled, Matcher.quoteReplacement(value(matcher.group(1), values).asText()));
        }
        matcher.appendTail(filled);
        return JsonNodeFactory.instance.textNode(filled.toString());
    }

    private static JsonNode value(String name, Map<String, JsonNode> values) {
        JsonNode value = values.get(name);
        if (value == null) {
            throw new IllegalStateException(RESOURCE + " has an unknown placeholder ${" + name + "}");
        }
        return value;
    }

    /** Keeps the output nodes and every node they take an input from, directly or not. */
    private static ObjectNode reachableFromOutputs(ObjectNode workflow) {
        Set<String> needed = new HashSet<>();
        Deque<String> pending = new ArrayDeque<>(List.of(STICKER_NODE, BACKGROUND_REMOVED_NODE));
        while (!pending.isEmpty()) {
            String id = pending.pop();
            if (!needed.add(id)) {
                continue;
            }
            workflow.path(id).path("inputs").forEach(input -> {
                if (input.isArray() && input.size() == 2 && input.get(0).isTextual() && input.get(1).isInt()) {
                    pending.push(input.get(0).textValue());
                }
            });
        }
        for (Iterator<String> ids = workflow.fieldNames(); ids.hasNext(); ) {
            if (!needed.contains(ids.next())) {
                ids.remove();
            }
        }
        return workflow;
    }
}
