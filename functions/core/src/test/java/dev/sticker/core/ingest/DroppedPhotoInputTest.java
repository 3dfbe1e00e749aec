package dev.sticker.core.ingest;

import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.ImageSize;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DroppedPhotoInputTest {

    private static final String PHOTO = "https://api.example.com/files/inputs/0f8e/input";

    private static StickerInput valid(ParsedInput parsed) {
        return assertInstanceOf(ParsedInput.Valid.class, parsed, parsed::toString).input();
    }

    private static List<FieldError> errors(ParsedInput parsed) {
        return assertInstanceOf(ParsedInput.Invalid.class, parsed, parsed::toString).errors();
    }

    @Test
    void metadataNamesWithDashesAreTheSchemasFieldsAndNumbersAreReadFromText() {
        StickerInput input = valid(DroppedPhotoInput.fromMetadata(Map.of(
                "prompt", "a person, gold outline",
                "seed", "42",
                "image-size", "square",
                "guidance-scale", "7.5",
                "num-inference-steps", " 30 ",
                "upscale", "TRUE",
                "enable-safety-checker", "false"), PHOTO));

        assertEquals(PHOTO, input.imageUrl());
        assertEquals("a person, gold outline", input.prompt());
        assertEquals(42L, input.seed());
        assertEquals(ImageSize.preset("square").orElseThrow(), input.imageSize());
        assertEquals(7.5, input.guidanceScale());
        assertEquals(30, input.numInferenceSteps());
        assertTrue(input.upscale());
        assertEquals(false, input.enableSafetyChecker());
    }

    @Test
    void metadataImageSizeMayBeAJsonObject() {
        StickerInput input = valid(DroppedPhotoInput.fromMetadata(Map.of("prompt", "a person",
                "image-size", "{\"width\": 512, \"height\": 768}"), PHOTO));

        assertEquals(ImageSize.custom(512, 768), input.imageSize());
    }

    @Test
    void metadataLeftOutTakesTheSchemasDefaults() {
        StickerInput input = valid(DroppedPhotoInput.fromMetadata(Map.of("prompt", "a person"), PHOTO));

        assertNull(input.seed());
        assertEquals(ImageSize.SQUARE_HD, input.imageSize());
        assertEquals(20, input.numInferenceSteps());
    }

    @Test
    void aPromptThatLooksLikeANumberStaysText() {
        assertEquals("42", valid(DroppedPhotoInput.fromMetadata(Map.of("prompt", "42"), PHOTO)).prompt());
    }

    @Test
    void badMetadataIsReportedPerFieldAsTheApiWould() {
        List<FieldError> problems = errors(DroppedPhotoInput.fromMetadata(Map.of(
                "seed", "forty-two", "guidance-scale", "99", "image-size", "huge"), PHOTO));

        assertEquals(List.of(
                FieldError.at("prompt", "Field required", "missing"),
                FieldError.at("guidance_scale", "Input should be less than or equal to 20", "less_than_equal"),
                new FieldError(List.of("body", "image_size"), problems.get(2).msg(), "enum"),
                FieldError.at("seed", "Input should be a valid integer", "int_type")), problems);
    }

    @Test
    void metadataCannotNameAnotherPhoto() {
        StickerInput input = valid(DroppedPhotoInput.fromMetadata(Map.of("prompt", "a person",
                "image-url", "https://elsewhere.example.com/face.jpg"), PHOTO));

        assertEquals(PHOTO, input.imageUrl());
    }

    @Test
    void sidecarIsTheInputJsonWithItsTypes() {
        StickerInput input = valid(DroppedPhotoInput.fromSidecar(
                "{\"prompt\":\"a person\",\"seed\":7,\"image_size\":{\"width\":640,\"height\":640},"
                        + "\"image_url\":\"https://elsewhere.example.com/face.jpg\"}", PHOTO));

        assertEquals(PHOTO, input.imageUrl());
        assertEquals(7L, input.seed());
        assertEquals(ImageSize.custom(640, 640), input.imageSize());
    }

    @Test
    void sidecarNumbersMustBeJsonNumbers() {
        assertEquals(List.of(FieldError.at("seed", "Input should be a valid integer", "int_type")),
                errors(DroppedPhotoInput.fromSidecar("{\"prompt\":\"a person\",\"seed\":\"7\"}", PHOTO)));
    }

    @Test
    void sidecarThatIsNotAJsonObjectIsABodyError() {
        assertEquals("json_invalid",
                errors(DroppedPhotoInput.fromSidecar("{\"prompt\": ", PHOTO)).get(0).type());
        assertEquals("model_attributes_type",
                errors(DroppedPhotoInput.fromSidecar("[\"a person\"]", PHOTO)).get(0).type());
    }
}
