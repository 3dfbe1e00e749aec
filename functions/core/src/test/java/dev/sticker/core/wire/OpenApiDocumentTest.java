package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.JsonMetaSchema;
import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.NonValidationKeyword;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;
import com.networknt.schema.oas.OpenApi31;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.StickerResult;
import dev.sticker.core.request.StoredImage;
import dev.sticker.core.request.TestBilling;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class OpenApiDocumentTest {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final ApiUrls URLS = new ApiUrls("https://abc.execute-api.eu-west-1.amazonaws.com/v1");
    private static final String DOCUMENT_URL = "https://document.test/openapi.json";
    private static final String PHOTO = "https://example.com/face.png";

    @Test
    void isAValidOpenApi31DocumentWithEveryReferenceResolved() {
        SwaggerParseResult parsed = parse(OpenApiDocument.build(URLS));

        assertEquals(List.of(), parsed.getMessages());
        assertEquals("3.1.0", parsed.getOpenAPI().getOpenapi());
        assertEquals(URLS.base(), parsed.getOpenAPI().getServers().get(0).getUrl());
    }

    @Test
    void theParserCatchesABrokenDocument() {
        ObjectNode document = OpenApiDocument.build(URLS);
        String statusPath = "/fal-ai/face-to-sticker/requests/{request_id}/status";
        ((ObjectNode) document.get("paths").get(statusPath).get("get")).remove("parameters");
        ((ObjectNode) document.at("/components/schemas")).remove(OpenApiDocument.OUTPUT);

        List<String> messages = parse(document).getMessages();

        assertTrue(messages.stream().anyMatch(m -> m.contains("request_id")), messages::toString);
        assertTrue(messages.stream().anyMatch(m -> m.contains(OpenApiDocument.OUTPUT)), messages::toString);
    }

    @Test
    void everyQueueCallAndTheUploadAreDescribedAtTheRouteThatServesThem() {
        Set<FalRoute.Kind> described = EnumSet.noneOf(FalRoute.Kind.class);
        OpenApiDocument.build(URLS).get("paths").fields().forEachRemaining(path -> path.getValue().fieldNames()
                .forEachRemaining(method -> described.add(FalRoute.match(method,
                                path.getKey().replace("{request_id}", "8c2e-41"))
                        .orElseThrow(() -> new AssertionError(method + " " + path.getKey() + " is no route"))
                        .kind())));

        assertEquals(EnumSet.complementOf(EnumSet.of(FalRoute.Kind.FILE, FalRoute.Kind.UPLOAD_INITIATE_MULTIPART)),
                described);
    }

    @Test
    void everyCallNeedsFalsKeyHeader() {
        ObjectNode document = OpenApiDocument.build(URLS);

        JsonNode scheme = document.at("/components/securitySchemes/Key");
        assertEquals("apiKey", scheme.path("type").asText());
        assertEquals("header", scheme.path("in").asText());
        assertEquals("Authorization", scheme.path("name").asText());
        assertEquals("Key <key_id>:<key_secret>", scheme.path("description").asText());
        assertTrue(document.at("/security/0").has("Key"));
        document.get("paths").forEach(path -> path.forEach(operation ->
                assertTrue(operation.at("/responses/401").has("$ref"), operation::toString)));
    }

    @Test
    void theInputSchemaCarriesEachFieldsDeclaration() {
        JsonNode input = OpenApiDocument.build(URLS).at("/components/schemas/" + OpenApiDocument.INPUT);

        List<String> order = new ArrayList<>();
        input.get("x-fal-order-properties").forEach(name -> order.add(name.asText()));
        assertEquals(InputSchema.FIELDS.stream().map(f -> f.name()).toList(), order);
        assertEquals(JSON.valueToTree(List.of("image_url", "prompt")), input.get("required"));
        JsonNode steps = input.at("/properties/num_inference_steps");
        assertEquals(InputSchema.NUM_INFERENCE_STEPS.defaultValue(), steps.get("default").asLong());
        assertEquals(InputSchema.NUM_INFERENCE_STEPS.minimum(), steps.get("minimum").asLong());
        assertEquals(InputSchema.NUM_INFERENCE_STEPS.maximum(), steps.get("maximum").asLong());
        assertEquals(InputSchema.GUIDANCE_SCALE.description(), input.at("/properties/guidance_scale/description")
                .asText());
        assertEquals("square_hd", input.at("/properties/image_size/default").asText());
        assertFalse(input.at("/properties/seed").has("default"), "the seed is drawn when left out");
    }

    /** Bodies the schema and the validation must judge alike, valid or not. */
    @ParameterizedTest
    @ValueSource(strings = {
            "{'image_url':'%s','prompt':'a person'}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':1,'guidance_scale':20,'seed':0}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':100,'upscale_steps':50}",
            "{'image_url':'%s','prompt':'a person','seed':9007199254740991,'instant_id_strength':1}",
            "{'image_url':'%s','prompt':'a person','image_size':'landscape_16_9','upscale':true}",
            "{'image_url':'%s','prompt':'a person','image_size':{'width':256,'height':2048}}",
            "{'image_url':'%s','prompt':'a person','image_size':{'height':768}}",
            "{'image_url':'%s','prompt':'a person','negative_prompt':'','enable_safety_checker':false}",
            "{'image_url':'%s','prompt':'a person','unknown_field':[1,2]}",
            "{'image_url':'%s'}",
            "{'prompt':'a person'}",
            "{'image_url':'%s','prompt':''}",
            "{'image_url':'%s','prompt':'   '}",
            "{'image_url':'%s','prompt':42}",
            "{'image_url':5,'prompt':'a person'}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':0}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':101}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':20.5}",
            "{'image_url':'%s','prompt':'a person','num_inference_steps':'20'}",
            "{'image_url':'%s','prompt':'a person','guidance_scale':20.01}",
            "{'image_url':'%s','prompt':'a person','guidance_scale':-1}",
            "{'image_url':'%s','prompt':'a person','ip_adapter_weight':true}",
            "{'image_url':'%s','prompt':'a person','ip_adapter_noise':1.5}",
            "{'image_url':'%s','prompt':'a person','upscale_steps':51}",
            "{'image_url':'%s','prompt':'a person','seed':-1}",
            "{'image_url':'%s','prompt':'a person','seed':9007199254740992}",
            "{'image_url':'%s','prompt':'a person','seed':'42'}",
            "{'image_url':'%s','prompt':'a person','upscale':'yes'}",
            "{'image_url':'%s','prompt':'a person','image_size':'huge'}",
            "{'image_url':'%s','prompt':'a person','image_size':5}",
            "{'image_url':'%s','prompt':'a person','image_size':{'width':255,'height':512}}",
            "{'image_url':'%s','prompt':'a person','image_size':{'width':512,'height':2049}}",
            "{'image_url':'%s','prompt':'a person','image_size':{'width':'wide'}}",
    })
    void theInputSchemaAcceptsExactlyWhatTheValidationAccepts(String template) throws Exception {
        JsonNode body = JSON.readTree(template.formatted(PHOTO).replace('\'', '"'));

        boolean validated = InputSchema.parse(body) instanceof ParsedInput.Valid;
        Set<ValidationMessage> schemaErrors = schema(OpenApiDocument.build(URLS), OpenApiDocument.INPUT)
                .validate(body);

        assertEquals(validated, schemaErrors.isEmpty(), "validation " + (validated ? "accepts" : "refuses")
                + " " + body + "; the schema says " + schemaErrors);
    }

    @Test
    void everyAnswerTheApiGivesFitsItsSchemaAndDeclaresEveryField() throws Exception {
        ObjectNode strict = strict(OpenApiDocument.build(URLS));
        StickerRequest completed = request(Status.COMPLETED, new StickerResult(
                new StoredImage("results/r1/sticker.png", "image/png", "sticker.png", 4321, 512, 512),
                new StoredImage("results/r1/sticker_background_removed.png", "image/png",
                        "sticker_background_removed.png", 1234, 512, 512), 42, false, false, "builtin"));
        StickerRequest queued = request(Status.IN_QUEUE, null);

        Map<String, String> answers = Map.of(
                FalWire.result(completed, URLS).body(), OpenApiDocument.OUTPUT,
                FalWire.status(completed, 0, true, URLS).body(), OpenApiDocument.QUEUE_STATUS,
                FalWire.status(queued, 3, false, URLS).body(), OpenApiDocument.QUEUE_STATUS,
                FalWire.submitted(queued, 3, URLS).body(), OpenApiDocument.QUEUE_STATUS,
                FalWire.validationFailed(List.of(FieldError.at("prompt", "Field required", "missing"),
                        new FieldError(List.of("body", "image_size", "width"), "too big", "less_than_equal")))
                        .body(), OpenApiDocument.VALIDATION_ERROR,
                FalWire.failure(Failure.invalidInput("image_url", "value_error.no_face", "no face"), "r1").body(),
                OpenApiDocument.VALIDATION_ERROR,
                FalWire.failure(Failure.cancelled(), "r1").body(), OpenApiDocument.ERROR_DETAIL,
                FalWire.cancel(CancelOutcome.CANCELLATION_REQUESTED, "r1").body(), OpenApiDocument.CANCEL_STATUS,
                FalWire.uploadInitiated("https://s3.test/uploads/u/me.png?X-Amz-Signature=1",
                        URLS.fileUrl("uploads/u/me.png")).body(), OpenApiDocument.UPLOAD_OUTPUT);

        for (Map.Entry<String, String> answer : answers.entrySet()) {
            assertEquals(Set.of(), schema(strict, answer.getValue()).validate(JSON.readTree(answer.getKey())),
                    answer.getValue() + ": " + answer.getKey());
        }
    }

    @Test
    void aStrictSchemaRefusesAFieldTheDocumentDoesNotDeclare() throws Exception {
        JsonNode status = JSON.readTree(FalWire.status(request(Status.IN_QUEUE, null), 1, true, URLS).body());
        ((ObjectNode) status).put("eta_seconds", 3);

        assertFalse(schema(strict(OpenApiDocument.build(URLS)), OpenApiDocument.QUEUE_STATUS).validate(status)
                .isEmpty());
    }

    private static SwaggerParseResult parse(JsonNode document) {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        return new OpenAPIV3Parser().readContents(document.toString(), null, options);
    }

    /**
     * One component schema of the document, read with the OpenAPI 3.1 dialect of JSON Schema; the document's own
     * keywords and fal's extensions annotate, they do not constrain.
     */
    private static JsonSchema schema(JsonNode document, String name) {
        JsonMetaSchema dialect = JsonMetaSchema.builder(OpenApi31.getInstance())
                .keywords(Stream.of("openapi", "info", "servers", "security", "components", "paths",
                        "x-fal-order-properties", "x-enum-descriptions").map(NonValidationKeyword::new).toList())
                .build();
        JsonSchemaFactory factory = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012, builder -> builder
                .metaSchema(dialect)
                .defaultMetaSchemaIri(dialect.getIri())
                .schemaLoaders(loaders -> loaders.schemas(Map.of(DOCUMENT_URL, document.toString()))));
        return factory.getSchema(SchemaLocation.of(DOCUMENT_URL + "#/components/schemas/" + name));
    }

    /** The document with every object schema closed to undeclared fields, so an undescribed answer field fails. */
    private static ObjectNode strict(ObjectNode document) {
        ObjectNode copy = document.deepCopy();
        close(copy.at("/components/schemas"));
        return copy;
    }

    private static void close(JsonNode node) {
        if (node instanceof ObjectNode object) {
            if (object.has("properties") && !object.has("additionalProperties")) {
                object.put("additionalProperties", false);
            }
            for (Iterator<JsonNode> children = object.elements(); children.hasNext(); ) {
                close(children.next());
            }
        } else if (node instanceof ArrayNode array) {
            array.forEach(OpenApiDocumentTest::close);
        }
    }

    private static StickerRequest request(Status status, StickerResult result) {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        boolean done = status == Status.COMPLETED;
        return new StickerRequest("r1", ApiUrls.MODEL_ID, status, TestBilling.ONE_MEGAPIXEL,
                "{\"image_url\":\"" + PHOTO + "\",\"prompt\":\"a person\"}", 1, result, null,
                List.of(LogLine.info("detecting face", now)), null, 1, 0, false, null, List.of(), now, null, done ? now : null,
                done ? now.plusSeconds(2) : null, null, now.plusSeconds(86_400).getEpochSecond());
    }
}
