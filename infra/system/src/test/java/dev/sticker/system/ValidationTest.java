package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every field of the Input schema is checked at submit: a 422 in fal's shape naming the field, nothing queued. */
class ValidationTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static QueueClient api;

    @BeforeAll
    static void startCloud() {
        api = TestKeys.adminClient();
    }

    static Stream<Arguments> badFields() {
        return Stream.of(
                bad("image_url", input -> input.remove("image_url")),
                bad("image_url", input -> input.put("image_url", "ftp://example.com/face.png")),
                bad("prompt", input -> input.remove("prompt")),
                bad("prompt", input -> input.put("prompt", 42)),
                bad("negative_prompt", input -> input.putArray("negative_prompt")),
                bad("num_inference_steps", input -> input.put("num_inference_steps", 0)),
                bad("num_inference_steps", input -> input.put("num_inference_steps", "many")),
                bad("guidance_scale", input -> input.put("guidance_scale", 21)),
                bad("instant_id_strength", input -> input.put("instant_id_strength", 1.5)),
                bad("ip_adapter_weight", input -> input.put("ip_adapter_weight", -0.1)),
                bad("ip_adapter_noise", input -> input.put("ip_adapter_noise", 2)),
                bad("image_size", input -> input.put("image_size", "huge")),
                bad("image_size", input -> input.putObject("image_size").put("width", 100000).put("height", 512)),
                bad("upscale", input -> input.put("upscale", "yes please")),
                bad("upscale_steps", input -> input.put("upscale_steps", 0)),
                bad("seed", input -> input.put("seed", -1)),
                bad("enable_safety_checker", input -> input.put("enable_safety_checker", "off")));
    }

    @ParameterizedTest(name = "{0} #{index}")
    @MethodSource("badFields")
    void badFieldIsA422NamingIt(String field, Consumer<ObjectNode> spoil) {
        ObjectNode input = LifecycleTest.seedExample("https://example.com/face.png");
        spoil.accept(input);

        QueueClient.Reply reply = api.submit(input.toString());

        assertEquals(422, reply.status(), reply.json().toString());
        JsonNode detail = reply.json().path("detail");
        assertEquals(1, detail.size(), reply.json().toString());
        JsonNode loc = detail.get(0).path("loc");
        assertEquals("body", loc.path(0).asText(), reply.json().toString());
        assertEquals(field, loc.path(1).asText(), reply.json().toString());
        assertFalse(detail.get(0).path("msg").asText().isBlank());
        assertFalse(detail.get(0).path("type").asText().isBlank());
        assertTrue(reply.json().path("request_id").isMissingNode(), "nothing was queued");
    }

    @Test
    void everyBadFieldIsReportedAtOnce() {
        ObjectNode input = JSON.createObjectNode().put("num_inference_steps", 0).put("seed", -5);

        QueueClient.Reply reply = api.submit(input.toString());

        assertEquals(422, reply.status());
        Set<String> fields = new HashSet<>();
        reply.json().path("detail").forEach(error -> fields.add(error.path("loc").get(1).asText()));
        assertEquals(Set.of("image_url", "prompt", "num_inference_steps", "seed"), fields);
    }

    @Test
    void bodyThatIsNotJsonIsA422() {
        QueueClient.Reply reply = api.submit("{not json");

        assertEquals(422, reply.status());
        assertEquals("json_invalid", reply.json().path("detail").get(0).path("type").asText());
    }

    private static Arguments bad(String field, Consumer<ObjectNode> spoil) {
        return Arguments.of(field, spoil);
    }
}
