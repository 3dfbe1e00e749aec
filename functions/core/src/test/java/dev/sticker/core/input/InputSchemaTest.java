package dev.sticker.core.input;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InputSchemaTest {

    private static final String PHOTO = "https://storage.googleapis.com/falserverless/model_tests/face_to_sticker/elon.jpg";

    private static String body(String extraFields) {
        return "{\"image_url\":\"" + PHOTO + "\",\"prompt\":\"a person\"" + extraFields + "}";
    }

    private static StickerInput valid(String json) {
        ParsedInput parsed = InputSchema.parse(json);
        return assertInstanceOf(ParsedInput.Valid.class, parsed, () -> parsed.toString()).input();
    }

    private static List<FieldError> errors(String json) {
        ParsedInput parsed = InputSchema.parse(json);
        return assertInstanceOf(ParsedInput.Invalid.class, parsed, () -> parsed.toString()).errors();
    }

    private static FieldError onlyError(String json) {
        List<FieldError> errors = errors(json);
        assertEquals(1, errors.size(), errors::toString);
        return errors.get(0);
    }

    @Test
    void defaultsAreTheSeedsDefaults() {
        StickerInput input = valid(body(""));
        assertEquals(PHOTO, input.imageUrl());
        assertEquals("a person", input.prompt());
        assertEquals("", input.negativePrompt());
        assertEquals(20, input.numInferenceSteps());
        assertEquals(4.5, input.guidanceScale());
        assertEquals(0.7, input.instantIdStrength());
        assertEquals(0.2, input.ipAdapterWeight());
        assertEquals(0.5, input.ipAdapterNoise());
        assertEquals(new ImageSize("square_hd", 1024, 1024), input.imageSize());
        assertEquals(false, input.upscale());
        assertEquals(10, input.upscaleSteps());
        assertNull(input.seed());
        assertEquals(true, input.enableSafetyChecker());
    }

    @Test
    void everyFieldIsReadWhenGiven() {
        StickerInput input = valid(body(",\"negative_prompt\":\"blurry\",\"num_inference_steps\":30,"
                + "\"guidance_scale\":7,\"instant_id_strength\":0.9,\"ip_adapter_weight\":0.3,"
                + "\"ip_adapter_noise\":0.1,\"image_size\":\"portrait_16_9\",\"upscale\":true,\"upscale_steps\":12,"
                + "\"seed\":3625437076,\"enable_safety_checker\":false"));
        assertEquals(new StickerInput(PHOTO, "a person", "blurry", 30, 7.0, 0.9, 0.3, 0.1,
                new ImageSize("portrait_16_9", 576, 1024), true, 12, 3625437076L, false), input);
    }

    @Test
    void unknownFieldsAreIgnored() {
        assertEquals(valid(body("")), valid(body(",\"sync_mode\":true,\"extra\":{\"a\":1}")));
    }

    @Test
    void explicitNullOnAnOptionalFieldMeansTheDefault() {
        StickerInput input = valid(body(",\"seed\":null,\"num_inference_steps\":null,\"image_size\":null"));
        assertNull(input.seed());
        assertEquals(20, input.numInferenceSteps());
        assertEquals(ImageSize.SQUARE_HD, input.imageSize());
    }

    @Test
    void missingRequiredFieldsAreBothReported() {
        List<FieldError> errors = errors("{}");
        assertEquals(List.of(
                new FieldError(List.of("body", "image_url"), "Field required", "missing"),
                new FieldError(List.of("body", "prompt"), "Field required", "missing")), errors);
    }

    @Test
    void blankPromptIsRefused() {
        FieldError error = onlyError("{\"image_url\":\"" + PHOTO + "\",\"prompt\":\"   \"}");
        assertEquals(List.of("body", "prompt"), error.loc());
        assertEquals("string_too_short", error.type());
    }

    @Test
    void overlongPromptIsRefused() {
        String prompt = "a".repeat(InputSchema.MAX_PROMPT_LENGTH + 1);
        FieldError error = onlyError("{\"image_url\":\"" + PHOTO + "\",\"prompt\":\"" + prompt + "\"}");
        assertEquals("string_too_long", error.type());
    }

    @ParameterizedTest(name = "{0}={1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "image_url|5|string_type",
            "prompt|true|string_type",
            "negative_prompt|5|string_type",
            "num_inference_steps|\"20\"|int_type",
            "num_inference_steps|20.5|int_type",
            "guidance_scale|\"4.5\"|float_type",
            "instant_id_strength|[0.7]|float_type",
            "ip_adapter_weight|false|float_type",
            "ip_adapter_noise|{}|float_type",
            "upscale|\"yes\"|bool_type",
            "upscale_steps|\"10\"|int_type",
            "seed|\"42\"|int_type",
            "seed|1.5|int_type",
            "enable_safety_checker|1|bool_type",
            "image_size|5|model_type",
    })
    void wrongTypeIsReportedOnItsField(String field, String json, String type) {
        FieldError error = onlyError(withField(field, json));
        assertEquals(List.of("body", field), error.loc());
        assertEquals(type, error.type());
    }

    @ParameterizedTest(name = "{0}={1} is {2}")
    @CsvSource(delimiter = '|', value = {
            "num_inference_steps|0|greater_than_equal",
            "num_inference_steps|101|less_than_equal",
            "guidance_scale|-0.1|greater_than_equal",
            "guidance_scale|20.5|less_than_equal",
            "instant_id_strength|-0.01|greater_than_equal",
            "instant_id_strength|1.01|less_than_equal",
            "ip_adapter_weight|-1|greater_than_equal",
            "ip_adapter_weight|2|less_than_equal",
            "ip_adapter_noise|-0.5|greater_than_equal",
            "ip_adapter_noise|1.5|less_than_equal",
            "upscale_steps|0|greater_than_equal",
            "upscale_steps|51|less_than_equal",
            "seed|-1|greater_than_equal",
            "seed|9007199254740992|less_than_equal",
    })
    void outOfRangeIsReportedOnItsField(String field, String json, String type) {
        FieldError error = onlyError(withField(field, json));
        assertEquals(List.of("body", field), error.loc());
        assertEquals(type, error.type());
    }

    @ParameterizedTest(name = "{0}={1} is accepted")
    @CsvSource(delimiter = '|', value = {
            "num_inference_steps|1", "num_inference_steps|100", "num_inference_steps|20.0",
            "guidance_scale|0", "guidance_scale|20", "instant_id_strength|1", "ip_adapter_noise|0",
            "upscale_steps|1", "upscale_steps|50", "seed|0", "seed|9007199254740991",
    })
    void boundsAreInclusive(String field, String json) {
        valid(withField(field, json));
    }

    @ParameterizedTest(name = "{0} is {1}x{2}")
    @CsvSource({
            "square_hd,1024,1024", "square,512,512", "portrait_4_3,768,1024", "portrait_16_9,576,1024",
            "landscape_4_3,1024,768", "landscape_16_9,1024,576",
    })
    void presetsHaveFalsSizes(String preset, int width, int height) {
        assertEquals(new ImageSize(preset, width, height),
                valid(withField("image_size", "\"" + preset + "\"")).imageSize());
    }

    @Test
    void unknownPresetIsRefused() {
        FieldError error = onlyError(withField("image_size", "\"huge\""));
        assertEquals(List.of("body", "image_size"), error.loc());
        assertEquals("enum", error.type());
        assertTrue(error.msg().contains("'landscape_16_9'"), error.msg());
    }

    @Test
    void customSizeIsKept() {
        assertEquals(ImageSize.custom(1280, 720),
                valid(withField("image_size", "{\"width\":1280,\"height\":720}")).imageSize());
    }

    @Test
    void customSizeSidesDefaultTo512() {
        assertEquals(ImageSize.custom(512, 768), valid(withField("image_size", "{\"height\":768}")).imageSize());
    }

    @Test
    void customSizeBoundsAreInclusive() {
        assertEquals(ImageSize.custom(256, 2048),
                valid(withField("image_size", "{\"width\":256,\"height\":2048}")).imageSize());
    }

    @Test
    void customSizeOutOfBoundsNamesEachSide() {
        List<FieldError> errors = errors(withField("image_size", "{\"width\":255,\"height\":2049}"));
        assertEquals(List.of(
                new FieldError(List.of("body", "image_size", "width"),
                        "Input should be greater than or equal to 256", "greater_than_equal"),
                new FieldError(List.of("body", "image_size", "height"),
                        "Input should be less than or equal to 2048", "less_than_equal")), errors);
    }

    @Test
    void customSizeSideMustBeAnInteger() {
        FieldError error = onlyError(withField("image_size", "{\"width\":\"wide\",\"height\":512}"));
        assertEquals(List.of("body", "image_size", "width"), error.loc());
        assertEquals("int_type", error.type());
    }

    @ParameterizedTest
    @CsvSource({
            "ftp://example.com/a.png", "file:///etc/passwd", "gopher://example.com/", "not a url",
            "data:text/plain;base64,aGVsbG8=", "data:image/png,rawbytes", "http:///no-host",
    })
    void imageUrlMustBeHttpOrAnImageDataUri(String url) {
        FieldError error = onlyError("{\"image_url\":\"" + url + "\",\"prompt\":\"a person\"}");
        assertEquals(List.of("body", "image_url"), error.loc());
        assertEquals("url_scheme", error.type());
    }

    @Test
    void imageDataUriIsAccepted() {
        String uri = "data:image/png;base64,iVBORw0KGgo=";
        assertEquals(uri, valid("{\"image_url\":\"" + uri + "\",\"prompt\":\"a person\"}").imageUrl());
    }

    @Test
    void everyBadFieldIsListedAtOnce() {
        List<FieldError> errors = errors("{\"image_url\":\"ftp://x/y\",\"num_inference_steps\":0,"
                + "\"guidance_scale\":\"high\",\"image_size\":\"huge\",\"upscale\":1}");
        assertEquals(List.of(List.of("body", "image_url"), List.of("body", "prompt"),
                        List.of("body", "num_inference_steps"), List.of("body", "guidance_scale"),
                        List.of("body", "image_size"), List.of("body", "upscale")),
                errors.stream().map(FieldError::loc).toList());
    }

    @Test
    void malformedJsonIsReportedOnTheBody() {
        FieldError error = onlyError("{\"image_url\": ");
        assertEquals(List.of("body"), error.loc());
        assertEquals("json_invalid", error.type());
    }

    @Test
    void bodyMustBeAnObject() {
        assertEquals(List.of("body"), onlyError("[1,2]").loc());
        assertEquals(List.of("body"), onlyError("").loc());
    }

    @Test
    void jsonRoundTripKeepsEveryField() {
        StickerInput input = valid(body(",\"image_size\":{\"width\":640,\"height\":480},\"seed\":7,"
                + "\"negative_prompt\":\"hat\",\"upscale\":true"));
        assertEquals(input, valid(InputSchema.toJson(input)));
        StickerInput preset = valid(body(""));
        assertEquals(preset, InputSchema.fromStoredJson(InputSchema.toJson(preset)));
    }

    private static String withField(String field, String json) {
        if (field.equals("image_url")) {
            return "{\"image_url\":" + json + ",\"prompt\":\"a person\"}";
        }
        if (field.equals("prompt")) {
            return "{\"image_url\":\"" + PHOTO + "\",\"prompt\":" + json + "}";
        }
        return body(",\"" + field + "\":" + json);
    }
}
