package dev.sticker.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.wire.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place fal's face-to-sticker Input schema lives: field names, types, defaults and ranges.
 *
 * <p>Ranges where the seed says nothing (our choice, kept here and nowhere else):
 * prompt 1–{@value #MAX_PROMPT_LENGTH} characters and not blank; negative_prompt up to the same length;
 * num_inference_steps 1–100; guidance_scale 0–20; instant_id_strength, ip_adapter_weight and ip_adapter_noise 0–1;
 * upscale_steps 1–50; seed an integer 0–2^53−1 (what a JavaScript number holds exactly); image_size a preset name or
 * {width, height} each 256–2048. An explicit JSON null on an optional field means "use the default"; unknown fields
 * are ignored. image_url is an http(s) URL of at most {@value #MAX_URL_LENGTH} characters or a
 * {@code data:image/...;base64,} URI (its size is checked when it is decoded, at submit).
 */
public final class InputSchema {

    public static final int MAX_PROMPT_LENGTH = 2000;
    public static final int MAX_URL_LENGTH = 4096;
    public static final long MAX_SEED = (1L << 53) - 1;

    public static final String DEFAULT_NEGATIVE_PROMPT = "";
    public static final int DEFAULT_STEPS = 20;
    public static final double DEFAULT_GUIDANCE_SCALE = 4.5;
    public static final double DEFAULT_INSTANT_ID_STRENGTH = 0.7;
    public static final double DEFAULT_IP_ADAPTER_WEIGHT = 0.2;
    public static final double DEFAULT_IP_ADAPTER_NOISE = 0.5;
    public static final int DEFAULT_UPSCALE_STEPS = 10;

    private static final ObjectMapper JSON = Json.MAPPER;

    private InputSchema() {
    }

    /** Validates a submitted body; lists every bad field at once. Never throws. */
    public static ParsedInput parse(String json) {
        JsonNode root;
        try {
            root = json == null || json.isBlank() ? null : JSON.readTree(json);
        } catch (JsonProcessingException e) {
            return new ParsedInput.Invalid(List.of(new FieldError(List.of("body"),
                    "JSON decode error: " + e.getOriginalMessage(), "json_invalid")));
        }
        if (root == null || !root.isObject()) {
            return new ParsedInput.Invalid(List.of(new FieldError(List.of("body"),
                    "Input should be a valid dictionary or object", "model_attributes_type")));
        }
        return parse(root);
    }

    /** Validates an already parsed body (e.g. the {@code input} of a remote-worker job). */
    public static ParsedInput parse(JsonNode root) {
        return parse(root, false);
    }

    /**
     * Validates fields that arrive as text only (e.g. S3 object metadata): numbers and booleans are read from their
     * text ({@code "42"}, {@code "0.5"}, {@code "true"}), image_size from a preset name or a JSON object; every rule
     * is the same as for a JSON body.
     */
    public static ParsedInput parseText(Map<String, String> values) {
        ObjectNode root = JSON.createObjectNode();
        values.forEach(root::put);
        return parse(root, true);
    }

    private static ParsedInput parse(JsonNode root, boolean fromText) {
        Fields fields = new Fields(root, fromText);
        String imageUrl = fields.imageUrl("image_url");
        String prompt = fields.prompt();
        String negativePrompt = fields.string("negative_prompt", DEFAULT_NEGATIVE_PROMPT, MAX_PROMPT_LENGTH);
        int steps = (int) fields.integer("num_inference_steps", DEFAULT_STEPS, 1, 100);
        double guidance = fields.number("guidance_scale", DEFAULT_GUIDANCE_SCALE, 0, 20);
        double instantId = fields.number("instant_id_strength", DEFAULT_INSTANT_ID_STRENGTH, 0, 1);
        double ipWeight = fields.number("ip_adapter_weight", DEFAULT_IP_ADAPTER_WEIGHT, 0, 1);
        double ipNoise = fields.number("ip_adapter_noise", DEFAULT_IP_ADAPTER_NOISE, 0, 1);
        ImageSize size = fields.imageSize();
        boolean upscale = fields.bool("upscale", false);
        int upscaleSteps = (int) fields.integer("upscale_steps", DEFAULT_UPSCALE_STEPS, 1, 50);
        Long seed = fields.has("seed") ? fields.integer("seed", 0, 0, MAX_SEED) : null;
        boolean safety = fields.bool("enable_safety_checker", true);
        if (!fields.errors.isEmpty()) {
            return new ParsedInput.Invalid(fields.errors);
        }
        return new ParsedInput.Valid(new StickerInput(imageUrl, prompt, negativePrompt, steps, guidance, instantId,
                ipWeight, ipNoise, size, upscale, upscaleSteps, seed, safety));
    }

    /** The input as fal's Input JSON, every field present (seed only when set). */
    public static ObjectNode toJsonNode(StickerInput input) {
        ObjectNode node = JSON.createObjectNode();
        node.put("image_url", input.imageUrl());
        node.put("prompt", input.prompt());
        node.put("negative_prompt", input.negativePrompt());
        node.put("num_inference_steps", input.numInferenceSteps());
        node.put("guidance_scale", input.guidanceScale());
        node.put("instant_id_strength", input.instantIdStrength());
        node.put("ip_adapter_weight", input.ipAdapterWeight());
        node.put("ip_adapter_noise", input.ipAdapterNoise());
        if (input.imageSize().isPreset()) {
            node.put("image_size", input.imageSize().preset());
        } else {
            node.putObject("image_size")
                    .put("width", input.imageSize().width())
                    .put("height", input.imageSize().height());
        }
        node.put("upscale", input.upscale());
        node.put("upscale_steps", input.upscaleSteps());
        if (input.seed() != null) {
            node.put("seed", input.seed());
        }
        node.put("enable_safety_checker", input.enableSafetyChecker());
        return node;
    }

    public static String toJson(StickerInput input) {
        return toJsonNode(input).toString();
    }

    /** Reads back an input this schema wrote (the stored request); fails only if the stored JSON was tampered with. */
    public static StickerInput fromStoredJson(String json) {
        ParsedInput parsed = parse(json);
        if (parsed instanceof ParsedInput.Valid valid) {
            return valid.input();
        }
        throw new IllegalStateException("stored input does not match the schema: "
                + ((ParsedInput.Invalid) parsed).errors());
    }

    /** Collects values and errors field by field, so one pass reports every problem. */
    private static final class Fields {
        private final JsonNode root;
        private final boolean fromText;
        private final List<FieldError> errors = new ArrayList<>();

        Fields(JsonNode root, boolean fromText) {
            this.root = root;
            this.fromText = fromText;
        }

        /** A number or boolean field; from text, its value as the JSON literal the text spells, if it spells one. */
        private JsonNode scalar(String name) {
            JsonNode value = root.get(name);
            if (!fromText || value == null || !value.isTextual()) {
                return value;
            }
            String text = value.textValue().strip();
            if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
                return BooleanNode.valueOf(Boolean.parseBoolean(text));
            }
            try {
                JsonNode literal = JSON.readTree(text);
                return literal != null && literal.isNumber() ? literal : value;
            } catch (JsonProcessingException notANumber) {
                return value;
            }
        }

        boolean has(String name) {
            JsonNode value = root.get(name);
            return value != null && !value.isNull();
        }

        String imageUrl(String name) {
            JsonNode value = root.get(name);
            if (value == null || value.isNull()) {
                errors.add(FieldError.at(name, "Field required", "missing"));
                return null;
            }
            if (!value.isTextual()) {
                errors.add(FieldError.at(name, "Input should be a valid string", "string_type"));
                return null;
            }
            String url = value.textValue().strip();
            String problem = urlProblem(url);
            if (problem != null) {
                errors.add(FieldError.at(name, problem, "url_scheme"));
                return null;
            }
            return url;
        }

        private static String urlProblem(String url) {
            String lower = url.toLowerCase(Locale.ROOT);
            if (lower.startsWith("data:")) {
                int comma = lower.indexOf(',');
                String header = comma < 0 ? lower : lower.substring(0, comma);
                return header.startsWith("data:image/") && header.endsWith(";base64")
                        ? null : "Data URI should be data:image/<type>;base64,<data>";
            }
            if (url.length() > MAX_URL_LENGTH) {
                return "URL should have at most " + MAX_URL_LENGTH + " characters";
            }
            try {
                URI uri = new URI(url);
                String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                if (!scheme.equals("http") && !scheme.equals("https")) {
                    return "URL scheme should be 'http' or 'https' (or a data:image/...;base64 URI)";
                }
                return uri.getHost() == null ? "Input should be a valid URL, empty host" : null;
            } catch (URISyntaxException e) {
                return "Input should be a valid URL, " + e.getReason();
            }
        }

        String prompt() {
            JsonNode value = root.get("prompt");
            if (value == null || value.isNull()) {
                errors.add(FieldError.at("prompt", "Field required", "missing"));
                return null;
            }
            String prompt = string("prompt", "", MAX_PROMPT_LENGTH);
            if (prompt != null && value.isTextual() && prompt.isBlank()) {
                errors.add(FieldError.at("prompt", "String should not be blank", "string_too_short"));
            }
            return prompt;
        }

        String string(String name, String fallback, int maxLength) {
            JsonNode value = root.get(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isTextual()) {
                errors.add(FieldError.at(name, "Input should be a valid string", "string_type"));
                return fallback;
            }
            if (value.textValue().length() > maxLength) {
                errors.add(FieldError.at(name, "String should have at most " + maxLength + " characters",
                        "string_too_long"));
            }
            return value.textValue();
        }

        long integer(String name, long fallback, long min, long max) {
            JsonNode value = scalar(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            boolean integral = value.isIntegralNumber()
                    || (value.isFloatingPointNumber() && value.doubleValue() == Math.rint(value.doubleValue())
                    && Math.abs(value.doubleValue()) <= MAX_SEED);
            if (!value.isNumber() || !integral || !value.canConvertToLong()) {
                errors.add(FieldError.at(name, "Input should be a valid integer", "int_type"));
                return fallback;
            }
            return inRange(name, value.longValue(), min, max) ? value.longValue() : fallback;
        }

        double number(String name, double fallback, double min, double max) {
            JsonNode value = scalar(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isNumber() || !Double.isFinite(value.doubleValue())) {
                errors.add(FieldError.at(name, "Input should be a valid number", "float_type"));
                return fallback;
            }
            double number = value.doubleValue();
            if (number < min) {
                errors.add(FieldError.at(name, "Input should be greater than or equal to " + format(min),
                        "greater_than_equal"));
                return fallback;
            }
            if (number > max) {
                errors.add(FieldError.at(name, "Input should be less than or equal to " + format(max),
                        "less_than_equal"));
                return fallback;
            }
            return number;
        }

        boolean bool(String name, boolean fallback) {
            JsonNode value = scalar(name);
            if (value == null || value.isNull()) {
                return fallback;
            }
            if (!value.isBoolean()) {
                errors.add(FieldError.at(name, "Input should be a valid boolean", "bool_type"));
                return fallback;
            }
            return value.booleanValue();
        }

        ImageSize imageSize() {
            JsonNode value = root.get("image_size");
            if (value == null || value.isNull()) {
                return ImageSize.SQUARE_HD;
            }
            if (fromText && value.isTextual() && value.textValue().strip().startsWith("{")) {
                try {
                    value = JSON.readTree(value.textValue());
                } catch (JsonProcessingException e) {
                    errors.add(FieldError.at("image_size", "JSON decode error: " + e.getOriginalMessage(),
                            "json_invalid"));
                    return ImageSize.SQUARE_HD;
                }
            }
            if (value.isTextual()) {
                return ImageSize.preset(value.textValue()).orElseGet(() -> {
                    errors.add(FieldError.at("image_size", "Input should be " + ImageSize.presetNames()
                            + " or an object with width and height", "enum"));
                    return ImageSize.SQUARE_HD;
                });
            }
            if (!value.isObject()) {
                errors.add(FieldError.at("image_size",
                        "Input should be a preset name or an object with width and height", "model_type"));
                return ImageSize.SQUARE_HD;
            }
            int width = side(value, "width");
            int height = side(value, "height");
            return ImageSize.custom(width, height);
        }

        private int side(JsonNode size, String name) {
            JsonNode value = size.get(name);
            List<String> loc = List.of("body", "image_size", name);
            if (value == null || value.isNull()) {
                return ImageSize.DEFAULT_SIDE;
            }
            if (!value.isIntegralNumber() || !value.canConvertToInt()) {
                errors.add(new FieldError(loc, "Input should be a valid integer", "int_type"));
                return ImageSize.DEFAULT_SIDE;
            }
            int side = value.intValue();
            if (side < ImageSize.MIN_SIDE) {
                errors.add(new FieldError(loc, "Input should be greater than or equal to " + ImageSize.MIN_SIDE,
                        "greater_than_equal"));
            } else if (side > ImageSize.MAX_SIDE) {
                errors.add(new FieldError(loc, "Input should be less than or equal to " + ImageSize.MAX_SIDE,
                        "less_than_equal"));
            }
            return side;
        }

        private boolean inRange(String name, long number, long min, long max) {
            if (number < min) {
                errors.add(FieldError.at(name, "Input should be greater than or equal to " + min,
                        "greater_than_equal"));
                return false;
            }
            if (number > max) {
                errors.add(FieldError.at(name, "Input should be less than or equal to " + max, "less_than_equal"));
                return false;
            }
            return true;
        }

        private static String format(double bound) {
            return bound == Math.rint(bound) ? Long.toString((long) bound) : Double.toString(bound);
        }
    }
}
