package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.photo.FetchResult;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.port.BackendOutcome.Fault;
import dev.sticker.core.port.GeneratedSticker;
import dev.sticker.core.port.GenerationJob;
import dev.sticker.core.port.RemoteBackend.CallbackReading;
import dev.sticker.core.request.Failure;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;

import static dev.sticker.core.backend.ComfyUiStandIn.nodeOfClass;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The ComfyUI backend against a stand-in ComfyUI server behind a proxy that wants one header. */
class ComfyUiBackendTest {

    private static final String HEADER = "X-Proxy-Token";
    private static final String TOKEN = "let-me-in";
    private static final ComfyUiModels MODELS = new ComfyUiModels("albedo-xl.safetensors", "stickers-xl.safetensors",
            "instantid/ip-adapter.bin", "instantid/controlnet.safetensors", "ip-adapter-plus-xl.safetensors",
            "clip-vit-h.safetensors");
    private static final byte[] PHOTO = StandIn.png(64, 64, false);
    private static final String INPUT = "{\"image_url\":\"https://photos.example.com/face.png\","
            + "\"prompt\":\"a knight\",\"negative_prompt\":\"hats\",\"num_inference_steps\":28,"
            + "\"guidance_scale\":5.5,\"instant_id_strength\":0.6,\"ip_adapter_weight\":0.3,\"ip_adapter_noise\":0.4,"
            + "\"image_size\":{\"width\":320,\"height\":256}}";

    private final ComfyUiStandIn comfy = new ComfyUiStandIn(HEADER, TOKEN);
    private final ComfyUiBackend backend = backend(HEADER + ": " + TOKEN);

    @AfterEach
    void stop() {
        comfy.close();
    }

    @Test
    void uploadsThePhotoAndQueuesOurWorkflowFilledFromTheInput() {
        BackendOutcome outcome = backend.generate(Jobs.jobWithPhoto("r1", INPUT, 777, PHOTO));

        String promptId = comfy.onlyPromptId();
        assertEquals(new BackendOutcome.Pending(promptId), outcome);
        assertArrayEquals(PHOTO, comfy.uploads().get("r1.png"));
        JsonNode graph = comfy.prompt(promptId);
        assertEquals("r1.png", inputs(graph, "LoadImage").path("image").textValue());
        JsonNode sampler = inputs(graph, "KSampler");
        assertEquals(777, sampler.path("seed").longValue());
        assertEquals(28, sampler.path("steps").intValue());
        assertEquals(5.5, sampler.path("cfg").doubleValue());
        assertEquals(320, inputs(graph, "EmptyLatentImage").path("width").intValue());
        assertEquals(256, inputs(graph, "EmptyLatentImage").path("height").intValue());
        assertEquals(0.6, inputs(graph, "ApplyInstantID").path("weight").doubleValue());
        assertEquals(0.3, inputs(graph, "IPAdapterAdvanced").path("weight").doubleValue());
        assertEquals(0.4, inputs(graph, "IPAdapterNoise").path("strength").doubleValue());
        assertEquals("albedo-xl.safetensors", inputs(graph, "CheckpointLoaderSimple").path("ckpt_name").textValue());
        assertEquals("stickers-xl.safetensors", inputs(graph, "LoraLoader").path("lora_name").textValue());
        assertEquals("instantid/ip-adapter.bin", inputs(graph, "InstantIDModelLoader").path("instantid_file")
                .textValue());
        assertEquals("instantid/controlnet.safetensors", inputs(graph, "ControlNetLoader").path("control_net_name")
                .textValue());
        assertEquals("ip-adapter-plus-xl.safetensors", inputs(graph, "IPAdapterModelLoader").path("ipadapter_file")
                .textValue());
        assertEquals("clip-vit-h.safetensors", inputs(graph, "CLIPVisionLoader").path("clip_name").textValue());
        List<String> texts = texts(graph);
        assertTrue(texts.stream().anyMatch(text -> text.contains("a knight")), texts.toString());
        assertTrue(texts.stream().anyMatch(text -> text.endsWith("hats")), texts.toString());
        assertTrue(nodeOfClass(graph, "LatentUpscaleBy").isMissingNode(), "no upscale pass unless asked for");
    }

    @Test
    void upscalingAddsTheSecondPassWithItsStepsAndDoublesTheImages() {
        String input = INPUT.replace("}}", "},\"upscale\":true,\"upscale_steps\":7}");
        backend.generate(Jobs.jobWithPhoto("r1", input, 777, PHOTO));
        String promptId = comfy.onlyPromptId();
        JsonNode graph = comfy.prompt(promptId);

        assertFalse(nodeOfClass(graph, "LatentUpscaleBy").isMissingNode());
        assertEquals(List.of(28, 7), all(graph, "KSampler").map(inputs -> inputs.path("steps").asInt()).toList());

        comfy.finish(promptId);
        GeneratedSticker sticker = Jobs.load(backend.poll(promptId));
        assertEquals(640, sticker.width());
        assertEquals(512, sticker.height());
    }

    @Test
    void pollingWaitsForTheQueueThenBringsBothImagesInlineWithTheSeed() {
        backend.generate(Jobs.jobWithPhoto("r1", INPUT, 777, PHOTO));
        String promptId = comfy.onlyPromptId();
        assertEquals(new BackendOutcome.Pending(promptId), backend.poll(promptId));
        comfy.run(promptId);
        assertEquals(new BackendOutcome.Pending(promptId), backend.poll(promptId));

        comfy.finish(promptId);

        BackendOutcome outcome = backend.poll(promptId);
        BackendOutcome.Delivered delivered = assertInstanceOf(BackendOutcome.Delivered.class, outcome);
        assertTrue(delivered.sticker().url() == null && delivered.backgroundRemoved().url() == null);
        GeneratedSticker sticker = Jobs.load(outcome);
        assertEquals(320, sticker.width());
        assertEquals(256, sticker.height());
        assertEquals(777, sticker.seed());
    }

    @Test
    void aPromptThatSpellsAPlaceholderIsSentAsWritten() {
        backend.generate(Jobs.jobWithPhoto("r1", INPUT.replace("a knight", "a knight named ${seed}"), 777, PHOTO));

        List<String> texts = texts(comfy.prompt(comfy.onlyPromptId()));

        assertTrue(texts.stream().anyMatch(text -> text.contains("a knight named ${seed}")), texts.toString());
    }

    @Test
    void noFaceIsTheCallersAndAnyOtherErrorTheServers() {
        backend.generate(Jobs.jobWithPhoto("r1", INPUT, 777, PHOTO));
        String promptId = comfy.onlyPromptId();
        comfy.fail(promptId, "ApplyInstantID", "Reference Image: No face detected.");

        assertEquals(BackendOutcome.Failed.callers(Failure.invalidInput("image_url", "value_error.no_face",
                "No face found in the image")), backend.poll(promptId));

        comfy.fail(promptId, "KSampler", "CUDA out of memory");
        assertEquals(Fault.PROVIDER, assertInstanceOf(BackendOutcome.Failed.class, backend.poll(promptId)).fault());
    }

    @Test
    void aPromptTheServerForgotIsTheServersFailure() {
        backend.generate(Jobs.jobWithPhoto("r1", INPUT, 777, PHOTO));
        String promptId = comfy.onlyPromptId();

        comfy.forget(promptId);

        assertEquals(BackendOutcome.Failed.providers(Failure.internal(
                "comfyui no longer knows the prompt (restarted?)")), backend.poll(promptId));
    }

    @Test
    void aFailedUploadAWorkflowTheServerRefusesAndAMissingProxyHeaderAreTheServersFault() {
        comfy.answerUploads(503);
        assertEquals(Fault.PROVIDER, failed(backend.generate(Jobs.jobWithPhoto("r1", INPUT, 1, PHOTO))).fault());

        comfy.answerUploads(200);
        comfy.refusePrompts();
        assertEquals(BackendOutcome.Failed.providers(Failure.internal(
                "comfyui refused the workflow (missing custom nodes or models?)")),
                backend.generate(Jobs.jobWithPhoto("r1", INPUT, 1, PHOTO)));

        assertEquals(BackendOutcome.Failed.providers(Failure.internal("comfyui refused our credentials (HTTP 401)")),
                backend("").generate(Jobs.jobWithPhoto("r1", INPUT, 1, PHOTO)));
    }

    @Test
    void aPhotoThatCannotBeLoadedIsTheCallersAndNothingIsSent() {
        Failure unreadable = Failure.invalidInput("image_url", "value_error.image_url", "image_url is not an image");
        GenerationJob job = new GenerationJob("r1", Jobs.input(INPUT).withSeed(1), 1,
                () -> new FetchResult.Refused(unreadable), Jobs.PHOTO_URL, (level, message) -> { });

        assertEquals(BackendOutcome.Failed.callers(unreadable), backend.generate(job));
        assertTrue(comfy.uploads().isEmpty());
    }

    @Test
    void everyCallbackIsRefusedBecauseComfyUiIsPolled() {
        CallbackReading reading = backend.readCallback("r1", Map.of(), "{}".getBytes(), Instant.now());

        assertEquals(404, assertInstanceOf(CallbackReading.Refused.class, reading).status());
    }

    @Test
    void cancellingDeletesAQueuedPromptAndInterruptsARunningOne() {
        backend.generate(Jobs.jobWithPhoto("r1", INPUT, 777, PHOTO));
        String promptId = comfy.onlyPromptId();

        backend.cancel(promptId);
        assertEquals(List.of(promptId), comfy.deleted());
        assertTrue(comfy.interrupted().isEmpty());

        comfy.run(promptId);
        backend.cancel(promptId);
        assertEquals(List.of(promptId), comfy.interrupted());

        comfy.finish(promptId);
        backend.cancel(promptId);
        assertEquals(List.of(promptId), comfy.deleted());
        assertEquals(List.of(promptId), comfy.interrupted());
    }

    @Test
    void anExtraHeaderThatIsNotNameColonValueIsRefusedAtStart() {
        assertThrows(IllegalArgumentException.class, () -> backend("no colon here"));
        assertThrows(IllegalArgumentException.class, () -> backend(": value without a name"));
    }

    private ComfyUiBackend backend(String header) {
        return new ComfyUiBackend(comfy.url(), header, MODELS, Jobs.HTTP);
    }

    private static BackendOutcome.Failed failed(BackendOutcome outcome) {
        return assertInstanceOf(BackendOutcome.Failed.class, outcome);
    }

    private static JsonNode inputs(JsonNode graph, String classType) {
        JsonNode node = nodeOfClass(graph, classType);
        assertFalse(node.isMissingNode(), "the workflow has a " + classType);
        return node.path("inputs");
    }

    /** The inputs of every node of this class. */
    private static Stream<JsonNode> all(JsonNode graph, String classType) {
        return StreamSupport.stream(ComfyUiStandIn.iterable(graph).spliterator(), false).map(Map.Entry::getValue)
                .filter(node -> node.path("class_type").asText().equals(classType)).map(node -> node.path("inputs"));
    }

    private static List<String> texts(JsonNode graph) {
        return all(graph, "CLIPTextEncode").map(inputs -> inputs.path("text").asText()).toList();
    }
}
