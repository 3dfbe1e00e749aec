package dev.sticker.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.FieldError;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.input.ParsedInput;
import dev.sticker.core.input.StickerInput;
import dev.sticker.core.service.Seeds;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.StickerEngine;
import dev.sticker.formats.ImageType;
import dev.sticker.worker.BuiltinBackend;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * {@code sticker make PHOTO}: a sticker from a photo, through the API or, with --offline, the engine in-process. Both
 * ways build the same input through the API's {@link InputSchema}, so defaults and ranges are the API's.
 */
@Command(name = "make", mixinStandardHelpOptions = true,
        description = "Turn a photo into sticker.png and sticker_background_removed.png.")
final class MakeCommand implements Callable<Integer> {

    static final String STICKER_FILE = "sticker.png";
    static final String BACKGROUND_REMOVED_FILE = "sticker_background_removed.png";
    /** The key a call to a deployment sends; the local cloud's own key when it is not set. */
    static final String KEY_VARIABLE = "STICKER_KEY";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern CUSTOM_SIZE = Pattern.compile("(\\d+)x(\\d+)");
    /** The input fields this command sets, by the option that sets them (for error messages). */
    private static final Map<String, String> OPTION_OF_FIELD = Map.of("image_url", "PHOTO", "prompt", "--prompt",
            "seed", "--seed", "image_size", "--size", "upscale", "--upscale");
    private static final Duration POLL_INTERVAL = Duration.ofMillis(200);
    private static final Duration RENDER_TIMEOUT = Duration.ofMinutes(10);

    @Spec
    CommandSpec spec;

    @Parameters(index = "0", paramLabel = "PHOTO", description = "A photo with a face (PNG, JPEG, WebP, GIF, BMP).")
    Path photo;

    @Option(names = "--prompt", defaultValue = "a person", description = "What the sticker shows (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--seed", description = "Seed for a reproducible sticker (default: random).")
    Long seed;

    @Option(names = {"-o", "--output"}, defaultValue = ".", description = "Directory for the two PNGs (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:3000", description = "API base URL (default: ${DEFAULT-VALUE}); the key is $" + KEY_VARIABLE
            + ", else the local cloud's admin key.")
    URI endpoint;

    @Option(names = "--size", defaultValue = "square_hd",
            description = "square_hd, square, portrait_4_3, portrait_16_9, landscape_4_3, landscape_16_9 or WxH.")
    String size;

    @Option(names = "--upscale", description = "Upscale the result 2x.")
    boolean upscale;

    @Option(names = "--offline", description = "Run the engine in this process instead of calling the API.")
    boolean offline;

    @Override
    public Integer call() {
        byte[] bytes = readPhoto();
        StickerInput input = input(bytes);
        ProgressLine progress = new ProgressLine(spec.commandLine().getErr(), System.console() != null);
        Stickers stickers = offline ? renderOffline(bytes, input, progress) : renderThroughApi(input, progress);
        progress.done();
        try {
            Files.createDirectories(output);
            Path sticker = output.resolve(STICKER_FILE);
            Path removed = output.resolve(BACKGROUND_REMOVED_FILE);
            Files.write(sticker, stickers.sticker());
            Files.write(removed, stickers.backgroundRemoved());
            spec.commandLine().getOut().println(sticker);
            spec.commandLine().getOut().println(removed);
        } catch (IOException e) {
            throw new CliFailure("cannot write to " + output + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private record Stickers(byte[] sticker, byte[] backgroundRemoved) {
    }

    /** The options as the API's input: the photo inline as a data URI, validated and defaulted by the schema. */
    private StickerInput input(byte[] bytes) {
        ImageType type = ImageType.sniff(bytes).orElseThrow(() -> new CliFailure(photo + " is not a photo (it looks"
                + " like " + ImageType.describeNonImage(bytes) + "); use PNG, JPEG, WebP, GIF or BMP"));
        ObjectNode body = JSON.createObjectNode()
                .put("image_url", "data:" + type.mimeType() + ";base64," + Base64.getEncoder().encodeToString(bytes))
                .put("prompt", prompt)
                .put("upscale", upscale);
        body.set("image_size", imageSize(size));
        if (seed != null) {
            body.put("seed", seed);
        }
        ParsedInput parsed = InputSchema.parse(body);
        if (parsed instanceof ParsedInput.Invalid invalid) {
            throw new CliFailure(invalid.errors().stream().map(MakeCommand::describe).collect(Collectors.joining("; ")));
        }
        return ((ParsedInput.Valid) parsed).input();
    }

    /** {@code WxH} as fal's custom size object; anything else as a preset name, which the schema checks. */
    private static JsonNode imageSize(String text) {
        Matcher custom = CUSTOM_SIZE.matcher(text);
        if (custom.matches()) {
            return JSON.createObjectNode().put("width", Long.parseLong(custom.group(1)))
                    .put("height", Long.parseLong(custom.group(2)));
        }
        return JSON.getNodeFactory().textNode(text);
    }

    private static String describe(FieldError error) {
        List<String> location = error.loc();
        String field = location.size() > 1 ? location.get(1) : String.join(".", location);
        return OPTION_OF_FIELD.getOrDefault(field, field) + ": " + error.msg();
    }

    private Stickers renderThroughApi(StickerInput input, ProgressLine progress) {
        QueueClient client = new QueueClient(endpoint, LocalAccount.cliKey(KEY_VARIABLE).orElse(null));
        String requestId = client.submit(InputSchema.toJson(input)).expectOk("submit").text("request_id");
        progress.line("request " + requestId);
        int[] logsShown = {0};
        client.awaitCompleted(requestId, RENDER_TIMEOUT, POLL_INTERVAL, status -> {
            JsonNode logs = status.json().path("logs");
            for (; logsShown[0] < logs.size(); logsShown[0]++) {
                progress.line("  " + logs.get(logsShown[0]).path("message").asText());
            }
            JsonNode position = status.json().get("queue_position");
            progress.state(position != null ? "in queue (position " + position.asLong() + ")"
                    : status.text("status").toLowerCase().replace('_', ' '));
            progress.tick();
        });
        JsonNode result = client.result(requestId).expectOk("result").json();
        progress.line("seed " + result.path("seed").asText());
        return new Stickers(client.download(result.path("sticker_image").path("url").asText()),
                client.download(result.path("sticker_image_background_removed").path("url").asText()));
    }

    /** The built-in backend's own mapping and seed choice, with the engine in this process. */
    private static Stickers renderOffline(byte[] bytes, StickerInput input, ProgressLine progress) {
        progress.state("loading the engine");
        try (StickerEngine engine = StickerEngine.load()) {
            progress.state("rendering");
            RenderOutcome outcome = engine.render(bytes, BuiltinBackend.params(input, Seeds.of(input)),
                    message -> progress.line("  " + message));
            if (outcome instanceof RenderOutcome.Rejected rejected) {
                throw new CliFailure(rejected.type() + ": " + rejected.message());
            }
            RenderOutcome.Rendered rendered = (RenderOutcome.Rendered) outcome;
            progress.line("seed " + rendered.sticker().seed());
            return new Stickers(rendered.sticker().stickerPng(), rendered.sticker().backgroundRemovedPng());
        }
    }

    private byte[] readPhoto() {
        if (!Files.isRegularFile(photo)) {
            throw new CliFailure("no such photo: " + photo);
        }
        try {
            return Files.readAllBytes(photo);
        } catch (IOException e) {
            throw new CliFailure("cannot read " + photo + ": " + e.getMessage(), e);
        }
    }
}
