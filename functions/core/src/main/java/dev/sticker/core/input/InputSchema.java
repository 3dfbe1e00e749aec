package dev.sticker.core.input;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.photo.DataUri;
import dev.sticker.core.wire.Json;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The one place fal's face-to-sticker Input schema lives: its fields ({@link #FIELDS}: names, types, defaults,
 * ranges and descriptions), declared once and used both by the checks here and by the published OpenAPI document.
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

    public static final InputField IMAGE_URL = InputField.imageUrl("image_url",
            "URL of the photo with a face: an http(s) URL, or a data:image/...;base64 URI.",
            "https://storage.googleapis.com/falserverless/model_tests/face_to_sticker/elon.jpg");
    public static final InputField PROMPT = InputField.text("prompt", true, null, 1, MAX_PROMPT_LENGTH,
            "The prompt to use for generating the image. Be as descriptive as possible for best results.",
            List.of("a person", "a person, vibrant, gold outline", "a person, pastel, pink border",
                    "a person, comic ink, black outline", "a person, black and white, minimal"));
    public static final InputField NEGATIVE_PROMPT = InputField.text("negative_prompt", false, "", 0,
            MAX_PROMPT_LENGTH, "The negative prompt to use. Use it to address details that you don't want in the "
                    + "image. This could be colors, objects, scenery and even the small details (e.g. moustache, "
                    + "blurry, low resolution).", List.of());
    public static final InputField NUM_INFERENCE_STEPS = InputField.integer("num_inference_steps", 20L, 1, 100,
            "Increasing the amount of steps tells Stable Diffusion that it should take more steps to generate your "
                    + "final result which can increase the amount of detail in your image.");
    public static final InputField GUIDANCE_SCALE = InputField.number("guidance_scale", 4.5, 0, 20,
            "The CFG (Classifier Free Guidance) scale is a measure of how close you want the model to stick to your "
                    + "prompt when looking for a related image to show you.");
    public static final InputField INSTANT_ID_STRENGTH = InputField.number("instant_id_strength", 0.7, 0, 1,
            "The strength of the instant ID.");
    public static final InputField IP_ADAPTER_WEIGHT = InputField.number("ip_adapter_weight", 0.2, 0, 1,
            "The weight of the IP adapter.");
    public static final InputField IP_ADAPTER_NOISE = InputField.number("ip_adapter_noise", 0.5, 0, 1,
            "The amount of noise to add to the IP adapter.");
    public static final InputField IMAGE_SIZE = InputField.imageSize("image_size", ImageSize.SQUARE_HD,
            "The size of the generated image.");
    public static final InputField UPSCALE = InputField.bool("upscale", false, "Whether to upscale the image 2x.");
    public static final InputField UPSCALE_STEPS = InputField.integer("upscale_steps", 10L, 1, 50,
            "The number of steps to use for upscaling. Only used if upscale is true.");
    public static final InputField SEED = InputField.integer("seed", null, 0, MAX_SEED,
            "The same seed and the same prompt given to the same version of Stable Diffusion will output the same "
                    + "image every time.");
    public static final InputField ENABLE_SAFETY_CHECKER = InputField.bool("enable_safety_checker", true,
            "If set to false, the safety checker will be disabled.");

    /** Every field, in the order they are checked, reported and published. */
    public static final List<InputField> FIELDS = List.of(IMAGE_URL, PROMPT, NEGATIVE_PROMPT, NUM_INFERENCE_STEPS,
            GUIDANCE_SCALE, INSTANT_ID_STRENGTH, IP_ADAPTER_WEIGHT, IP_ADAPTER_NOISE, IMAGE_SIZE, UPSCALE,
            UPSCALE_STEPS, SEED, ENABLE_SAFETY_CHECKER);

    private static final ImageSize DEFAULT_IMAGE_SIZE =
            ImageSize.preset((String) IMAGE_SIZE.defaultValue()).orElseThrow();

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
        String imageUrl = fields.imageUrl(IMAGE_URL);
        String prompt = fields.prompt();
        String negativePrompt = fields.string(NEGATIVE_PROMPT);
        int steps = (int) fields.integer(NUM_INFERENCE_STEPS);
        double guidance = fields.number(GUIDANCE_SCALE);
        double instantId = fields.number(INSTANT_ID_STRENGTH);
        double ipWeight = fields.number(IP_ADAPTER_WEIGHT);
        double ipNoise = fields.number(IP_ADAPTER_NOISE);
        ImageSize size = fields.imageSize();
        boolean upscale = fields.bool(UPSCALE);
        int upscaleSteps = (int) fields.integer(UPSCALE_STEPS);
        Long seed = fields.has(SEED) ? fields.integer(SEED) : null;
        boolean safety = fields.bool(ENABLE_SAFETY_CHECKER);
        if (!fields.errors.isEmpty()) {
            return new ParsedInput.Invalid(fields.errors);
        }
        return new ParsedInput.Valid(new StickerInput(imageUrl, prompt, negativePrompt, steps, guidance, instantId,
                ipWeight, ipNoise, size, upscale, upscaleSteps, seed, safety));
    }

    /** The input as fal's Input JSON, every field present (seed only when set). */
    public static ObjectNode toJsonNode(StickerInput input) {
        ObjectNode node = JSON.createObjectNode();
        node.put(IMAGE_URL.name(), input.imageUrl());
        node.put(PROMPT.name(), input.prompt());
        node.put(NEGATIVE_PROMPT.name(), input.negativePrompt());
        node.put(NUM_INFERENCE_STEPS.name(), input.numInferenceSteps());
        node.put(GUIDANCE_SCALE.name(), input.guidanceScale());
        node.put(INSTANT_ID_STRENGTH.name(), input.instantIdStrength());
        node.put(IP_ADAPTER_WEIGHT.name(), input.ipAdapterWeight());
        node.put(IP_ADAPTER_NOISE.name(), input.ipAdapterNoise());
        if (input.imageSize().isPreset()) {
            node.put(IMAGE_SIZE.name(), input.imageSize().preset());
        } else {
            node.putObject(IMAGE_SIZE.name())
                    .put("width", input.imageSize().width())
                    .put("height", input.imageSize().height());
        }
        node.put(UPSCALE.name(), input.upscale());
        node.put(UPSCALE_STEPS.name(), input.upscaleSteps());
        if (input.seed() != null) {
            node.put(SEED.name(), input.seed());
        }
        node.put(ENABLE_SAFETY_CHECKER.name(), input.enableSafetyChecker());
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

        boolean has(InputField field) {
            JsonNode value = root.get(field.name());
            return value != null && !value.isNull();
        }

        String imageUrl(InputField field) {
            String name = field.name();
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
            if (DataUri.isDataUri(url)) {
                // Only the header: a data URI runs to megabytes.
                int comma = url.indexOf(',');
                String header = (comma < 0 ? url : url.substring(0, comma)).toLowerCase(Locale.ROOT);
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
            JsonNode value = root.get(PROMPT.name());
            if (value == null || value.isNull()) {
                errors.add(FieldError.at(PROMPT.name(), "Field required", "missing"));
                return null;
            }
            String prompt = string(PROMPT);
            if (prompt != null && value.isTextual() && prompt.isBlank()) {
                errors.add(FieldError.at(PROMPT.name(), "String should not be blank", "string_too_short"));
            }
            return prompt;
        }

        String string(InputField field) {
            String name = field.name();
            String fallback = (String) field.defaultValue();
            int maxLength = field.maximum().intValue();
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

        long integer(InputField field) {
            String name = field.name();
            long fallback = field.defaultLong();
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
            return inRange(name, value.longValue(), field.minimumLong(), field.maximumLong())
                    ? value.longValue() : fallback;
        }

        double number(InputField field) {
            String name = field.name();
            double fallback = field.defaultDouble();
            double min = field.minimum().doubleValue();
            double max = field.maximum().doubleValue();
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

        boolean bool(InputField field) {
            String name = field.name();
            boolean fallback = field.defaultBoolean();
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
            JsonNode value = root.get(IMAGE_SIZE.name());
            if (value == null || value.isNull()) {
                return DEFAULT_IMAGE_SIZE;
            }
            if (fromText && value.isTextual() && value.textValue().strip().startsWith("{")) {
                try {
                    value = JSON.readTree(value.textValue());
                } catch (JsonProcessingException e) {
                    errors.add(FieldError.at(IMAGE_SIZE.name(), "JSON decode error: "
                            + e.getOriginalMessage(), "json_invalid"));
                    return DEFAULT_IMAGE_SIZE;
                }
            }
            if (value.isTextual()) {
                return ImageSize.preset(value.textValue()).orElseGet(() -> {
                    errors.add(FieldError.at(IMAGE_SIZE.name(), "Input should be " + ImageSize.presetNames()
                            + " or an object with width and height", "enum"));
                    return DEFAULT_IMAGE_SIZE;
                });
            }
            if (!value.isObject()) {
                errors.add(FieldError.at(IMAGE_SIZE.name(),
                        "Input should be a preset name or an object with width and height", "model_type"));
                return DEFAULT_IMAGE_SIZE;
            }
            int width = side(value, "width");
            int height = side(value, "height");
            return ImageSize.custom(width, height);
        }

        private int side(JsonNode size, String name) {
            JsonNode value = size.get(name);
            List<String> loc = List.of("body", IMAGE_SIZE.name(), name);
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
