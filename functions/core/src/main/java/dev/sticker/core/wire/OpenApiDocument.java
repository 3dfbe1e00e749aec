package dev.sticker.core.wire;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.ImageSize;
import dev.sticker.core.input.InputField;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.port.RequestStore.CancelOutcome;
import dev.sticker.core.request.LogLine;
import dev.sticker.core.request.Status;
import dev.sticker.formats.ImageType;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The OpenAPI 3.1 document of this API's queue endpoints ({@code GET /openapi.json}), in the layout fal publishes per
 * endpoint id: the Input schema comes from {@link InputSchema#FIELDS}, the very declarations the submit validates
 * with, so the document cannot drift from what the API accepts.
 */
public final class OpenApiDocument {

    public static final String VERSION = "3.1.0";
    /** The name of the security scheme: fal's {@code Authorization: Key <key_id>:<key_secret>}. */
    public static final String SECURITY_SCHEME = "Key";
    public static final String INPUT = "FaceToStickerInput";
    public static final String OUTPUT = "FaceToStickerOutput";
    public static final String QUEUE_STATUS = "QueueStatus";
    public static final String VALIDATION_ERROR = "HTTPValidationError";
    public static final String ERROR_DETAIL = "ErrorDetail";
    public static final String CANCEL_STATUS = "CancelStatus";
    public static final String UPLOAD_INPUT = "UploadInitiateInput";
    public static final String UPLOAD_OUTPUT = "UploadInitiateOutput";

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String SCHEMAS = "#/components/schemas/";
    private static final String RESPONSES = "#/components/responses/";
    private static final String MODEL_PATH = "/" + ApiUrls.MODEL_ID;
    private static final String REQUEST_PATH = MODEL_PATH + "/requests/{request_id}";

    private OpenApiDocument() {
    }

    /** The document, its server being this API as the caller addressed it. */
    public static ObjectNode build(ApiUrls urls) {
        ObjectNode document = JSON.createObjectNode();
        document.put("openapi", VERSION);
        ObjectNode info = document.putObject("info");
        info.put("title", "Queue OpenAPI for " + ApiUrls.MODEL_ID);
        info.put("version", "1.0.0");
        info.put("description", "The OpenAPI schema for the " + ApiUrls.MODEL_ID + " queue: submit a photo with a face "
                + "and a prompt, follow its status, and fetch a die-cut sticker and the same sticker with its "
                + "background removed.");
        info.putObject("x-fal-metadata")
                .put("endpointId", ApiUrls.MODEL_ID)
                .put("category", "image-to-image")
                .put("playgroundUrl", urls.playgroundUrl());
        document.putArray("servers").addObject().put("url", urls.base());
        document.putArray("security").addObject().putArray(SECURITY_SCHEME);
        ObjectNode components = document.putObject("components");
        components.putObject("securitySchemes").putObject(SECURITY_SCHEME)
                .put("type", "apiKey")
                .put("in", "header")
                .put("name", "Authorization")
                .put("description", "Key <key_id>:<key_secret>");
        components.set("schemas", schemas());
        components.set("responses", sharedResponses());
        document.set("paths", paths());
        return document;
    }

    /** {@code GET /openapi.json}: the document, cacheable for a few minutes. */
    public static ApiReply reply(ApiUrls urls) {
        return ApiReply.json(200, build(urls).toString()).withHeader("Cache-Control", "public, max-age=300");
    }

    private static ObjectNode schemas() {
        ObjectNode schemas = JSON.createObjectNode();
        schemas.set(INPUT, input());
        schemas.set(OUTPUT, output());
        schemas.set("ImageSize", imageSizeObject());
        schemas.set("Image", image());
        schemas.set(QUEUE_STATUS, queueStatus());
        schemas.set("LogLine", logLine());
        schemas.set(VALIDATION_ERROR, object("HTTPValidationError")
                .<ObjectNode>set("properties", JSON.createObjectNode().set("detail", JSON.createObjectNode()
                        .put("type", "array").put("title", "Detail")
                        .set("items", ref("ValidationError")))));
        ObjectNode validationError = object("ValidationError");
        ObjectNode properties = validationError.putObject("properties");
        properties.putObject("loc").put("type", "array").put("title", "Location")
                .putObject("items").putArray("anyOf").add(type("string")).add(type("integer"));
        properties.putObject("msg").put("type", "string").put("title", "Message");
        properties.putObject("type").put("type", "string").put("title", "Error Type");
        required(validationError, "loc", "msg", "type");
        schemas.set("ValidationError", validationError);
        ObjectNode detail = object(ERROR_DETAIL);
        detail.putObject("properties").putObject("detail").put("type", "string")
                .put("description", "What went wrong, in words.");
        required(detail, "detail");
        schemas.set(ERROR_DETAIL, detail);
        ObjectNode cancel = object(CANCEL_STATUS);
        enumOf(cancel.putObject("properties").putObject("status").put("type", "string"),
                Arrays.stream(CancelOutcome.values()).map(Enum::name).toList());
        required(cancel, "status");
        schemas.set(CANCEL_STATUS, cancel);
        schemas.set(UPLOAD_INPUT, uploadInput());
        ObjectNode upload = object(UPLOAD_OUTPUT);
        ObjectNode uploadProperties = upload.putObject("properties");
        uploadProperties.putObject("upload_url").put("type", "string").put("description",
                "A presigned URL to PUT the file's bytes to, with the same Content-Type and no credentials, within "
                        + "15 minutes.");
        uploadProperties.putObject("file_url").put("type", "string")
                .put("description", "The durable URL of the file once uploaded: pass it as image_url.");
        required(upload, "upload_url", "file_url");
        schemas.set(UPLOAD_OUTPUT, upload);
        return schemas;
    }

    /** The Input schema, field by field from the declarations the validation uses. */
    private static ObjectNode input() {
        ObjectNode input = object(INPUT);
        ObjectNode properties = input.putObject("properties");
        ArrayNode order = JSON.createArrayNode();
        ArrayNode required = JSON.createArrayNode();
        for (InputField field : InputSchema.FIELDS) {
            properties.set(field.name(), property(field));
            order.add(field.name());
            if (field.required()) {
                required.add(field.name());
            }
        }
        input.set("x-fal-order-properties", order);
        input.set("required", required);
        return input;
    }

    private static ObjectNode property(InputField field) {
        ObjectNode property = JSON.createObjectNode();
        switch (field.type()) {
            case IMAGE_URL -> property.put("type", "string");
            case STRING -> {
                property.put("type", "string");
                if (field.minimum().intValue() > 0) {
                    property.put("minLength", field.minimum().intValue());
                    // Blank text is refused too: at least one character that is not white space.
                    property.put("pattern", "\\S");
                }
                property.put("maxLength", field.maximum().intValue());
            }
            case INTEGER -> property.put("type", "integer")
                    .put("minimum", field.minimum().longValue()).put("maximum", field.maximum().longValue());
            case NUMBER -> property.put("type", "number")
                    .put("minimum", field.minimum().doubleValue()).put("maximum", field.maximum().doubleValue());
            case BOOLEAN -> property.put("type", "boolean");
            case IMAGE_SIZE -> {
                ObjectNode presets = JSON.createObjectNode().put("type", "string");
                enumOf(presets, ImageSize.presets().stream().map(ImageSize::preset).toList());
                ArrayNode sizes = presets.putArray("x-enum-descriptions");
                ImageSize.presets().forEach(size -> sizes.add(size.width() + "×" + size.height()));
                property.putArray("anyOf").add(ref("ImageSize")).add(presets);
            }
        }
        property.put("title", title(field.name()));
        property.put("description", field.description());
        if (field.defaultValue() != null) {
            property.set("default", JSON.valueToTree(field.defaultValue()));
        }
        if (!field.examples().isEmpty()) {
            property.set("examples", JSON.valueToTree(field.examples()));
        }
        return property;
    }

    private static ObjectNode imageSizeObject() {
        ObjectNode size = object("ImageSize");
        ObjectNode properties = size.putObject("properties");
        for (String side : List.of("width", "height")) {
            properties.putObject(side).put("type", "integer").put("title", title(side))
                    .put("description", "The " + side + " of the generated image.")
                    .put("default", ImageSize.DEFAULT_SIDE)
                    .put("minimum", ImageSize.MIN_SIDE).put("maximum", ImageSize.MAX_SIDE);
        }
        size.putArray("x-fal-order-properties").add("width").add("height");
        return size;
    }

    private static ObjectNode output() {
        ObjectNode output = object(OUTPUT);
        ObjectNode properties = output.putObject("properties");
        properties.putObject("images").put("type", "array").put("title", "Images")
                .put("description", "The generated images.").set("items", ref("Image"));
        properties.set("sticker_image", ref("Image").put("title", "Sticker Image")
                .put("description", "The generated face sticker image."));
        properties.set("sticker_image_background_removed", ref("Image")
                .put("title", "Sticker Image Background Removed")
                .put("description", "The generated face sticker image with the background removed."));
        properties.putObject("seed").put("type", "integer").put("title", "Seed")
                .put("description", "Seed used during the inference.");
        properties.putObject("has_nsfw_concepts").put("type", "object").put("title", "Has Nsfw Concepts")
                .put("description", "Whether the generated images contain NSFW concepts. The key is the image type "
                        + "and the value is a boolean.")
                .set("additionalProperties", type("boolean"));
        ArrayNode order = output.putArray("x-fal-order-properties");
        properties.fieldNames().forEachRemaining(order::add);
        output.set("required", order.deepCopy());
        return output;
    }

    private static ObjectNode image() {
        ObjectNode image = object("Image");
        image.put("description", "Represents an image file.");
        ObjectNode properties = image.putObject("properties");
        properties.putObject("url").put("type", "string").put("title", "Url")
                .put("description", "The URL where the file can be downloaded from.");
        properties.putObject("content_type").put("type", "string").put("title", "Content Type")
                .put("description", "The mime type of the file.");
        properties.putObject("file_name").put("type", "string").put("title", "File Name")
                .put("description", "The name of the file. It will be auto-generated if not provided.");
        properties.putObject("file_size").put("type", "integer").put("title", "File Size")
                .put("description", "The size of the file in bytes.");
        properties.putObject("width").put("type", "integer").put("title", "Width")
                .put("description", "The width of the image in pixels.");
        properties.putObject("height").put("type", "integer").put("title", "Height")
                .put("description", "The height of the image in pixels.");
        ArrayNode order = image.putArray("x-fal-order-properties");
        properties.fieldNames().forEachRemaining(order::add);
        required(image, "url");
        return image;
    }

    private static ObjectNode queueStatus() {
        ObjectNode status = object(QUEUE_STATUS);
        ObjectNode properties = status.putObject("properties");
        enumOf(properties.putObject("status").put("type", "string"),
                Arrays.stream(Status.values()).map(Enum::name).toList());
        properties.putObject("request_id").put("type", "string").put("description", "The request id.");
        properties.putObject("response_url").put("type", "string").put("description", "The response url.");
        properties.putObject("status_url").put("type", "string").put("description", "The status url.");
        properties.putObject("cancel_url").put("type", "string").put("description", "The cancel url.");
        properties.putObject("queue_position").put("type", "integer").put("minimum", 0)
                .put("description", "How many requests are ahead of this one; only while IN_QUEUE.");
        properties.putObject("logs").put("type", "array").put("description",
                "The progress lines, when asked for with logs=1.").set("items", ref("LogLine"));
        ObjectNode metrics = properties.putObject("metrics").put("type", "object")
                .put("description", "Once COMPLETED: how long generation took.");
        metrics.putObject("properties").putObject("inference_time").put("description", "Seconds.")
                .putArray("type").add("number").add("null");
        required(status, "status", "request_id");
        return status;
    }

    private static ObjectNode logLine() {
        ObjectNode line = object("LogLine");
        ObjectNode properties = line.putObject("properties");
        properties.putObject("message").put("type", "string");
        enumOf(properties.putObject("level").put("type", "string"),
                Arrays.stream(LogLine.Level.values()).map(Enum::name).toList());
        properties.putObject("source").put("type", "string");
        properties.putObject("timestamp").put("type", "string").put("format", "date-time");
        required(line, "message", "level", "source", "timestamp");
        return line;
    }

    private static ObjectNode uploadInput() {
        ObjectNode upload = object(UPLOAD_INPUT);
        ObjectNode properties = upload.putObject("properties");
        properties.putObject("content_type").put("type", "string").put("description", "The photo's media type: one of "
                + Arrays.stream(ImageType.values()).map(ImageType::mimeType).collect(Collectors.joining(", ")) + ".");
        properties.putObject("file_name").put("type", "string")
                .put("description", "The file's name; reduced to letters, digits, '.', '-' and '_'.");
        required(upload, "content_type");
        return upload;
    }

    /** The answers every call may give before it is served: no or a wrong key, no credit or scope, too many calls. */
    private static ObjectNode sharedResponses() {
        ObjectNode responses = JSON.createObjectNode();
        responses.set("Unauthorized", jsonResponse("No key, a malformed key, or an unknown key.", ERROR_DETAIL));
        responses.set("Forbidden", jsonResponse("The key may not make this call, or its account's balance is "
                + "exhausted.", ERROR_DETAIL));
        ObjectNode tooMany = jsonResponse("Too many requests: try again after Retry-After seconds.", ERROR_DETAIL);
        tooMany.putObject("headers").putObject("Retry-After").put("description", "Seconds to wait.")
                .set("schema", type("integer"));
        responses.set("TooManyRequests", tooMany);
        return responses;
    }

    private static ObjectNode paths() {
        ObjectNode paths = JSON.createObjectNode();

        ObjectNode submit = operation("submit", "Submit a request to the queue");
        submit.putArray("parameters").add(query("fal_webhook", "string",
                "A URL to POST fal's webhook body to once the request completes."));
        submit.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").set("schema", ref(INPUT));
        responses(submit)
                .<ObjectNode>set("200", jsonResponse("The request is queued.", QUEUE_STATUS))
                .<ObjectNode>set("413", jsonResponse("The image_url data URI is too large.", ERROR_DETAIL))
                .set("422", jsonResponse("The input is invalid: every bad field is listed.", VALIDATION_ERROR));
        paths.putObject(MODEL_PATH).set("post", submit);

        ObjectNode status = operation("status", "The status of a request");
        status.putArray("parameters").add(requestId()).add(query("logs", "number",
                "Whether to include logs (`1`) in the response or not (`0`)."));
        responses(status)
                .<ObjectNode>set("200", jsonResponse("The request is COMPLETED.", QUEUE_STATUS))
                .<ObjectNode>set("202", jsonResponse("The request is IN_QUEUE or IN_PROGRESS.", QUEUE_STATUS))
                .set("404", jsonResponse("No such request.", ERROR_DETAIL));
        paths.putObject(REQUEST_PATH + "/status").set("get", status);

        ObjectNode stream = operation("statusStream", "The status of a request, as server-sent events");
        stream.putArray("parameters").add(requestId()).add(query("logs", "number",
                "Whether to include logs (`1`) in the events or not (`0`)."));
        ObjectNode events = responses(stream).putObject("200")
                .put("description", "One `data:` event per change, each a " + QUEUE_STATUS + "; the stream ends "
                        + "after the COMPLETED event (or at a deadline: then open it again).");
        events.putObject("content").putObject("text/event-stream").set("schema", type("string"));
        responses(stream).set("404", jsonResponse("No such request.", ERROR_DETAIL));
        paths.putObject(REQUEST_PATH + "/status/stream").set("get", stream);

        ObjectNode result = operation("result", "The result of a request");
        result.putArray("parameters").add(requestId());
        responses(result)
                .<ObjectNode>set("200", jsonResponse("The stickers.", OUTPUT))
                .<ObjectNode>set("400", jsonResponse("The request is still in progress, or was cancelled.",
                        ERROR_DETAIL))
                .<ObjectNode>set("404", jsonResponse("No such request.", ERROR_DETAIL))
                .<ObjectNode>set("422", jsonResponse("The photo was refused (no face, not an image, too large, ...).",
                        VALIDATION_ERROR))
                .set("500", jsonResponse("Generation failed.", ERROR_DETAIL));
        paths.putObject(REQUEST_PATH).set("get", result);

        ObjectNode cancel = operation("cancel", "Cancel a request");
        cancel.putArray("parameters").add(requestId());
        responses(cancel)
                .<ObjectNode>set("202", jsonResponse("Cancellation requested: a queued request is skipped, a "
                        + "running one abandoned.", CANCEL_STATUS))
                .<ObjectNode>set("400", jsonResponse("The request has already completed.", CANCEL_STATUS))
                .set("404", jsonResponse("No such request.", CANCEL_STATUS));
        paths.putObject(REQUEST_PATH + "/cancel").set("put", cancel);

        ObjectNode upload = operation("uploadInitiate", "Start a file upload");
        upload.putArray("parameters").add(query("storage_type", "string", "fal's storage type, e.g. fal-cdn-v3."));
        upload.putObject("requestBody").put("required", true).putObject("content")
                .putObject("application/json").set("schema", ref(UPLOAD_INPUT));
        responses(upload)
                .<ObjectNode>set("200", jsonResponse("Where to PUT the file, and its URL.", UPLOAD_OUTPUT))
                .set("422", jsonResponse("Not an image type.", VALIDATION_ERROR));
        paths.putObject("/storage/upload/initiate").set("post", upload);
        return paths;
    }

    private static ObjectNode operation(String operationId, String summary) {
        ObjectNode operation = JSON.createObjectNode().put("operationId", operationId).put("summary", summary);
        ObjectNode responses = operation.putObject("responses");
        responses.putObject("401").put("$ref", RESPONSES + "Unauthorized");
        responses.putObject("403").put("$ref", RESPONSES + "Forbidden");
        responses.putObject("429").put("$ref", RESPONSES + "TooManyRequests");
        return operation;
    }

    private static ObjectNode responses(ObjectNode operation) {
        return (ObjectNode) operation.get("responses");
    }

    private static ObjectNode requestId() {
        ObjectNode parameter = JSON.createObjectNode().put("name", "request_id").put("in", "path")
                .put("required", true).put("description", "Request ID");
        parameter.set("schema", type("string"));
        return parameter;
    }

    private static ObjectNode query(String name, String type, String description) {
        ObjectNode parameter = JSON.createObjectNode().put("name", name).put("in", "query").put("required", false)
                .put("description", description);
        parameter.set("schema", type(type));
        return parameter;
    }

    private static ObjectNode jsonResponse(String description, String schema) {
        ObjectNode response = JSON.createObjectNode().put("description", description);
        response.putObject("content").putObject("application/json").set("schema", ref(schema));
        return response;
    }

    private static ObjectNode object(String title) {
        return JSON.createObjectNode().put("type", "object").put("title", title);
    }

    private static ObjectNode type(String type) {
        return JSON.createObjectNode().put("type", type);
    }

    private static ObjectNode ref(String schema) {
        return JSON.createObjectNode().put("$ref", SCHEMAS + schema);
    }

    private static void required(ObjectNode schema, String... names) {
        ArrayNode required = schema.putArray("required");
        Arrays.stream(names).forEach(required::add);
    }

    private static void enumOf(ObjectNode schema, List<String> values) {
        ArrayNode array = schema.putArray("enum");
        values.forEach(array::add);
    }

    /** fal's titles are the field names in words: num_inference_steps is "Num Inference Steps". */
    private static String title(String name) {
        return Arrays.stream(name.split("_"))
                .map(word -> word.substring(0, 1).toUpperCase(Locale.ROOT) + word.substring(1))
                .collect(Collectors.joining(" "));
    }
}
