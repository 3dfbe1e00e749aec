package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.sticker.core.wire.Json;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Pattern;

/**
 * A ComfyUI server as its HTTP API works: {@code POST /upload/image} (multipart), {@code POST /prompt} (checks that
 * every link names a node, that the LoadImage file was uploaded and that no placeholder is left), {@code GET
 * /history/{id}}, {@code GET /view}, {@code GET /queue}, {@code POST /queue {"delete": [...]}} and {@code POST
 * /interrupt}. Optionally behind a proxy that wants one header. Prompts only move when a test says so.
 */
public final class ComfyUiStandIn extends StandIn {

    private final String headerName;
    private final String headerValue;
    private final Map<String, byte[]> uploads = new ConcurrentHashMap<>();
    private final Map<String, JsonNode> prompts = new ConcurrentHashMap<>();
    private final List<String> pending = new CopyOnWriteArrayList<>();
    private final List<String> running = new CopyOnWriteArrayList<>();
    private final Map<String, JsonNode> history = new ConcurrentHashMap<>();
    private final Map<String, byte[]> outputs = new ConcurrentHashMap<>();
    private final List<String> deleted = new CopyOnWriteArrayList<>();
    private final List<String> interrupted = new CopyOnWriteArrayList<>();
    private final AtomicInteger number = new AtomicInteger();
    private volatile int uploadStatus = 200;
    private volatile boolean refusePrompts;

    /** @param headerName the header its proxy wants on every call, or null for none */
    public ComfyUiStandIn(String headerName, String headerValue) {
        this.headerName = headerName;
        this.headerValue = headerValue;
        start();
    }

    @Override
    protected void routes() {
        server.createContext("/", exchange -> {
            if (headerName != null && !headerValue.equals(exchange.getRequestHeaders().getFirst(headerName))) {
                send(exchange, 401, "text/plain", "proxy: unauthorised".getBytes(StandardCharsets.UTF_8));
                return;
            }
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            if (path.equals("/upload/image") && method.equals("POST")) {
                upload(exchange);
            } else if (path.equals("/prompt") && method.equals("POST")) {
                prompt(exchange);
            } else if (path.startsWith("/history/") && method.equals("GET")) {
                String id = path.substring("/history/".length());
                ObjectNode answer = Json.MAPPER.createObjectNode();
                if (history.containsKey(id)) {
                    answer.set(id, history.get(id));
                }
                json(exchange, 200, answer);
            } else if (path.equals("/view") && method.equals("GET")) {
                Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
                byte[] file = outputs.get(query.get("type") + "/" + query.get("subfolder") + "/"
                        + query.get("filename"));
                send(exchange, file == null ? 404 : 200, "image/png", file == null ? new byte[0] : file);
            } else if (path.equals("/queue") && method.equals("GET")) {
                ObjectNode queue = Json.MAPPER.createObjectNode();
                queue.set("queue_running", entries(running));
                queue.set("queue_pending", entries(pending));
                json(exchange, 200, queue);
            } else if (path.equals("/queue") && method.equals("POST")) {
                jsonBody(exchange).path("delete").forEach(id -> {
                    deleted.add(id.asText());
                    pending.remove(id.asText());
                });
                json(exchange, 200, "{}");
            } else if (path.equals("/interrupt") && method.equals("POST")) {
                interrupted.add(jsonBody(exchange).path("prompt_id").asText(""));
                json(exchange, 200, "{}");
            } else {
                send(exchange, 404, "text/plain", "404: Not Found".getBytes(StandardCharsets.UTF_8));
            }
        });
    }

    private void upload(HttpExchange exchange) throws IOException {
        if (uploadStatus != 200) {
            send(exchange, uploadStatus, "text/plain", new byte[0]);
            return;
        }
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        String boundary = "--" + contentType.substring(contentType.indexOf("boundary=") + "boundary=".length());
        byte[] body = body(exchange);
        String text = new String(body, StandardCharsets.ISO_8859_1);
        for (String part : text.split(Pattern.quote(boundary))) {
            int headerEnd = part.indexOf("\r\n\r\n");
            if (headerEnd < 0 || !part.contains("name=\"image\"")) {
                continue;
            }
            String headers = part.substring(0, headerEnd);
            int nameStart = headers.indexOf("filename=\"") + "filename=\"".length();
            String name = headers.substring(nameStart, headers.indexOf('"', nameStart));
            int start = text.indexOf(part) + headerEnd + 4;
            int end = text.indexOf(part) + part.length() - 2;
            uploads.put(name, Arrays.copyOfRange(body, start, end));
            json(exchange, 200, Json.MAPPER.createObjectNode().put("name", name).put("subfolder", "")
                    .put("type", "input"));
            return;
        }
        send(exchange, 400, "text/plain", "no image part".getBytes(StandardCharsets.UTF_8));
    }

    private void prompt(HttpExchange exchange) throws IOException {
        JsonNode graph = jsonBody(exchange).path("prompt");
        Optional<String> problem = refusePrompts ? Optional.of("Cannot execute because node InspyrenetRembg does "
                + "not exist.") : problem(graph);
        if (problem.isPresent()) {
            ObjectNode error = Json.MAPPER.createObjectNode();
            error.putObject("error").put("type", "prompt_outputs_failed_validation").put("message", problem.get());
            error.putObject("node_errors");
            json(exchange, 400, error);
            return;
        }
        String id = UUID.randomUUID().toString();
        prompts.put(id, graph);
        pending.add(id);
        ObjectNode answer = Json.MAPPER.createObjectNode().put("prompt_id", id).put("number", number.get());
        answer.putObject("node_errors");
        json(exchange, 200, answer);
    }

    private Optional<String> problem(JsonNode graph) {
        if (!graph.isObject() || graph.isEmpty()) {
            return Optional.of("no prompt");
        }
        for (Map.Entry<String, JsonNode> node : iterable(graph)) {
            if (!node.getValue().path("class_type").isTextual()) {
                return Optional.of("node " + node.getKey() + " has no class_type");
            }
            for (Map.Entry<String, JsonNode> input : iterable(node.getValue().path("inputs"))) {
                JsonNode value = input.getValue();
                if (value.isTextual() && value.textValue().matches("\\$\\{[a-z_]+}")) {
                    return Optional.of("node " + node.getKey() + " input " + input.getKey() + " is unfilled");
                }
                if (value.isArray() && value.size() == 2 && !graph.has(value.get(0).asText())) {
                    return Optional.of("node " + node.getKey() + " links to missing node " + value.get(0));
                }
            }
            if (node.getValue().path("class_type").asText().equals("LoadImage")
                    && !uploads.containsKey(node.getValue().path("inputs").path("image").asText())) {
                return Optional.of("Invalid image file: " + node.getValue().path("inputs").path("image"));
            }
        }
        return Optional.empty();
    }

    void answerUploads(int status) {
        uploadStatus = status;
    }

    /** Prompts are refused as a server without one of the workflow's custom nodes refuses them. */
    void refusePrompts() {
        refusePrompts = true;
    }

    public int promptCount() {
        return prompts.size();
    }

    public String onlyPromptId() {
        if (prompts.size() != 1) {
            throw new AssertionError("expected one prompt, got " + prompts.size());
        }
        return prompts.keySet().iterator().next();
    }

    JsonNode prompt(String id) {
        return prompts.get(id);
    }

    Map<String, byte[]> uploads() {
        return Map.copyOf(uploads);
    }

    public List<String> deleted() {
        return List.copyOf(deleted);
    }

    public List<String> interrupted() {
        return List.copyOf(interrupted);
    }

    /** The prompt starts running. */
    void run(String id) {
        pending.remove(id);
        running.add(id);
    }

    /** The server restarted: the prompt is gone from its queue and never reaches its history. */
    void forget(String id) {
        pending.remove(id);
        running.remove(id);
    }

    /**
     * The prompt ran: one PNG per SaveImage node, of the latent's size (times any latent upscale), transparent when
     * the node saves a background-removal result.
     */
    public void finish(String id) {
        JsonNode graph = prompts.get(id);
        JsonNode latent = nodeOfClass(graph, "EmptyLatentImage").path("inputs");
        double scale = nodeOfClass(graph, "LatentUpscaleBy").path("inputs").path("scale_by").asDouble(1);
        int width = (int) (latent.path("width").asInt() * scale);
        int height = (int) (latent.path("height").asInt() * scale);
        ObjectNode entry = entry(id, graph);
        ObjectNode nodeOutputs = entry.putObject("outputs");
        for (Map.Entry<String, JsonNode> node : iterable(graph)) {
            if (!node.getValue().path("class_type").asText().equals("SaveImage")) {
                continue;
            }
            String prefix = node.getValue().path("inputs").path("filename_prefix").asText();
            String subfolder = prefix.contains("/") ? prefix.substring(0, prefix.lastIndexOf('/')) : "";
            String filename = prefix.substring(prefix.lastIndexOf('/') + 1) + "_00001_.png";
            String source = node.getValue().path("inputs").path("images").path(0).asText();
            boolean transparent = graph.path(source).path("class_type").asText().contains("Rembg");
            outputs.put("output/" + subfolder + "/" + filename, png(width, height, transparent));
            nodeOutputs.putObject(node.getKey()).putArray("images").addObject().put("filename", filename)
                    .put("subfolder", subfolder).put("type", "output");
        }
        ObjectNode status = entry.putObject("status").put("status_str", "success").put("completed", true);
        status.putArray("messages").add(message("execution_start", Json.MAPPER.createObjectNode()))
                .add(message("execution_success", Json.MAPPER.createObjectNode()));
        end(id, entry);
    }

    /** The prompt failed in a node with this exception message. */
    void fail(String id, String nodeType, String message) {
        ObjectNode entry = entry(id, prompts.get(id));
        entry.putObject("outputs");
        ObjectNode status = entry.putObject("status").put("status_str", "error").put("completed", false);
        ArrayNode messages = status.putArray("messages");
        messages.add(message("execution_start", Json.MAPPER.createObjectNode()));
        messages.add(message("execution_error", Json.MAPPER.createObjectNode().put("prompt_id", id)
                .put("node_id", "9").put("node_type", nodeType).put("exception_message", message)
                .put("exception_type", "Exception")));
        end(id, entry);
    }

    /** A status message: {@code [type, detail]}. */
    private static ArrayNode message(String type, ObjectNode detail) {
        return Json.MAPPER.createArrayNode().add(type).add(detail);
    }

    private void end(String id, ObjectNode entry) {
        pending.remove(id);
        running.remove(id);
        history.put(id, entry);
    }

    private ObjectNode entry(String id, JsonNode graph) {
        ObjectNode entry = Json.MAPPER.createObjectNode();
        ArrayNode prompt = entry.putArray("prompt").add(number.incrementAndGet()).add(id).add(graph);
        prompt.addObject().put("client_id", "whoever");
        prompt.addArray();
        return entry;
    }

    private ArrayNode entries(List<String> ids) {
        ArrayNode entries = Json.MAPPER.createArrayNode();
        for (String id : ids) {
            ArrayNode entry = Json.MAPPER.createArrayNode().add(0).add(id).add(prompts.get(id));
            entry.addObject();
            entry.addArray();
            entries.add(entry);
        }
        return entries;
    }

    /** The first node of this class, or a missing node. */
    static JsonNode nodeOfClass(JsonNode graph, String classType) {
        for (Map.Entry<String, JsonNode> node : iterable(graph)) {
            if (node.getValue().path("class_type").asText().equals(classType)) {
                return node.getValue();
            }
        }
        return Json.MAPPER.missingNode();
    }

    static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> query = new HashMap<>();
        for (String pair : raw == null ? new String[0] : raw.split("&")) {
            String[] nameAndValue = pair.split("=", 2);
            query.put(nameAndValue[0], nameAndValue.length == 2
                    ? URLDecoder.decode(nameAndValue[1], StandardCharsets.UTF_8) : "");
        }
        return query;
    }
}
