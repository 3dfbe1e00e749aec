package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.wire.Json;

import java.util.Map;

/**
 * fal's face-to-sticker Input as the input of Replicate's {@code fofr/face-to-sticker}: {@code image_url} becomes
 * {@code image}, {@code num_inference_steps} {@code steps}, {@code guidance_scale} {@code prompt_strength} (that
 * model's CFG scale), {@code image_size} {@code width} and {@code height}; {@code prompt}, {@code negative_prompt},
 * {@code instant_id_strength}, {@code ip_adapter_weight}, {@code ip_adapter_noise}, {@code upscale},
 * {@code upscale_steps} and {@code seed} keep their names. {@code enable_safety_checker} has no counterpart there:
 * that model runs no safety checker, and its results say nothing is flagged.
 */
final class ReplicateInput {

    /** Replicate's field names that differ from ours, to name our field when Replicate refuses one. */
    private static final Map<String, String> OUR_NAMES = Map.of(
            "image", "image_url",
            "steps", "num_inference_steps",
            "prompt_strength", "guidance_scale",
            "width", "image_size",
            "height", "image_size");

    private ReplicateInput() {
    }

    /** @param photoUrl the photo as a URL Replicate can fetch */
    static ObjectNode of(StickerInput input, long seed, String photoUrl) {
        ObjectNode replicate = Json.MAPPER.createObjectNode();
        replicate.put("image", photoUrl);
        replicate.put("prompt", input.prompt());
        replicate.put("negative_prompt", input.negativePrompt());
        replicate.put("steps", input.numInferenceSteps());
        replicate.put("prompt_strength", input.guidanceScale());
        replicate.put("width", input.imageSize().width());
        replicate.put("height", input.imageSize().height());
        replicate.put("instant_id_strength", input.instantIdStrength());
        replicate.put("ip_adapter_weight", input.ipAdapterWeight());
        replicate.put("ip_adapter_noise", input.ipAdapterNoise());
        replicate.put("upscale", input.upscale());
        replicate.put("upscale_steps", input.upscaleSteps());
        replicate.put("seed", seed);
        return replicate;
    }

    /** Our field for a field Replicate names in a refusal ({@code input.steps} → {@code num_inference_steps}). */
    static String ourField(String replicateField) {
        String name = replicateField.startsWith("input.") ? replicateField.substring("input.".length())
                : replicateField;
        return OUR_NAMES.getOrDefault(name, name);
    }
}
