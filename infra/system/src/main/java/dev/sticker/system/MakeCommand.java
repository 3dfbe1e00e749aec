package dev.sticker.system;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.sticker.core.input.ImageSize;
import dev.sticker.engine.RenderOutcome;
import dev.sticker.engine.StickerEngine;
import dev.sticker.engine.StickerParams;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code sticker make PHOTO}: a sticker from a photo, through the API or, with --offline, the engine in-process. */
@Command(name = "make", mixinStandardHelpOptions = true,
        description = "Turn a photo into sticker.png and sticker_background_removed.png.")
final class MakeCommand implements Callable<Integer> {

    static final String STICKER_FILE = "sticker.png";
    static final String BACKGROUND_REMOVED_FILE = "sticker_background_removed.png";
    private static final Pattern CUSTOM_SIZE = Pattern.compile("(\\d+)x(\\d+)");
    private static final long POLL_MILLIS = 500;

    @Parameters(index = "0", paramLabel = "PHOTO", description = "A photo with a face (PNG, JPEG, WebP, BMP).")
    Path photo;

    @Option(names = "--prompt", defaultValue = "a person", description = "What the sticker shows (default: ${DEFAULT-VALUE}).")
    String prompt;

    @Option(names = "--seed", description = "Seed for a reproducible sticker (default: random).")
    Long seed;

    @Option(names = {"-o", "--output"}, defaultValue = ".", description = "Directory for the two PNGs (default: ${DEFAULT-VALUE}).")
    Path output;

    @Option(names = "--endpoint", defaultValue = "http://127.0.0.1:3000", description = "API base URL (default: ${DEFAULT-VALUE}).")
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
        ImageSize imageSize = imageSize(size);
        long chosenSeed = seed != null ? seed : ThreadLocalRandom.current().nextLong(0, 1L << 32);
        PrintStream out = System.out;
        ProgressLine progress = new ProgressLine(System.err, System.console() != null);
        Stickers stickers = offline
                ? renderOffline(bytes, imageSize, chosenSeed, progress)
                : renderThroughApi(bytes, imageSize, progress);
        progress.done();
        try {
            Files.createDirectories(output);
            Path sticker = output.resolve(STICKER_FILE);
            Path removed = output.resolve(BACKGROUND_REMOVED_FILE);
            Files.write(sticker, stickers.sticker());
            Files.write(removed, stickers.backgroundRemoved());
            out.println(sticker);
            out.println(removed);
        } catch (IOException e) {
            throw new CliFailure("cannot write to " + output + ": " + e.getMessage(), e);
        }
        return 0;
    }

    private record Stickers(byte[] sticker, byte[] backgroundRemoved) {
    }

    private Stickers renderThroughApi(byte[] bytes, ImageSize imageSize, ProgressLine progress) {
        QueueClient client = new QueueClient(endpoint);
        ObjectMapper json = new ObjectMapper();
        ObjectNode input = json.createObjectNode()
                .put("image_url", "data:" + mediaType(bytes) + ";base64," + Base64.getEncoder().encodeToString(bytes))
                .put("prompt", prompt)
                .put("upscale", upscale);
        if (seed != null) {
            input.put("seed", seed);
        }
        if (imageSize.isPreset()) {
            input.put("image_size", imageSize.preset());
        } else {
            input.putObject("image_size").put("width", imageSize.width()).put("height", imageSize.height());
        }
        QueueClient.Submitted submitted = client.submit(input);
        progress.line("request " + submitted.requestId());
        int logsShown = 0;
        while (true) {
            QueueClient.QueueStatus status = client.status(submitted);
            List<String> logs = status.logs();
            for (; logsShown < logs.size(); logsShown++) {
                progress.line("  " + logs.get(logsShown));
            }
            if (status.completed()) {
                break;
            }
            progress.state(status.queuePosition() != null
                    ? "in queue (position " + status.queuePosition() + ")"
                    : status.status().toLowerCase().replace('_', ' '));
            sleepTicking(progress);
        }
        JsonNode result = client.result(submitted);
        progress.line("seed " + result.path("seed").asText());
        return new Stickers(client.download(result.path("sticker_image").path("url").asText()),
                client.download(result.path("sticker_image_background_removed").path("url").asText()));
    }

    private Stickers renderOffline(byte[] bytes, ImageSize imageSize, long chosenSeed, ProgressLine progress) {
        progress.state("loading the engine");
        StickerEngine engine = StickerEngine.load();
        progress.state("rendering");
        StickerParams params = new StickerParams(prompt, "", 20, 4.5, 0.7, 0.2, 0.5,
                imageSize.width(), imageSize.height(), upscale, 10, chosenSeed, true);
        RenderOutcome outcome = engine.render(bytes, params, message -> progress.line("  " + message));
        if (outcome instanceof RenderOutcome.Rejected rejected) {
            throw new CliFailure(rejected.type() + ": " + rejected.message());
        }
        RenderOutcome.Rendered rendered = (RenderOutcome.Rendered) outcome;
        progress.line("seed " + rendered.sticker().seed());
        return new Stickers(rendered.sticker().stickerPng(), rendered.sticker().backgroundRemovedPng());
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

    static ImageSize imageSize(String text) {
        Matcher custom = CUSTOM_SIZE.matcher(text);
        if (custom.matches()) {
            int width = Integer.parseInt(custom.group(1));
            int height = Integer.parseInt(custom.group(2));
            if (Math.min(width, height) < ImageSize.MIN_SIDE || Math.max(width, height) > ImageSize.MAX_SIDE) {
                throw new CliFailure("--size sides must be " + ImageSize.MIN_SIDE + ".." + ImageSize.MAX_SIDE);
            }
            return ImageSize.custom(width, height);
        }
        return ImageSize.preset(text).orElseThrow(() ->
                new CliFailure("--size must be WxH or one of " + ImageSize.presetNames() + ", got " + text));
    }

    /** The media type a data URI needs, from the file's first bytes. */
    static String mediaType(byte[] bytes) {
        if (startsWith(bytes, 0x89, 'P', 'N', 'G')) {
            return "image/png";
        }
        if (startsWith(bytes, 0xFF, 0xD8, 0xFF)) {
            return "image/jpeg";
        }
        if (startsWith(bytes, 'R', 'I', 'F', 'F') && bytes.length > 11 && bytes[8] == 'W' && bytes[9] == 'E') {
            return "image/webp";
        }
        if (startsWith(bytes, 'B', 'M')) {
            return "image/bmp";
        }
        if (startsWith(bytes, 'G', 'I', 'F')) {
            return "image/gif";
        }
        return "application/octet-stream";
    }

    private static boolean startsWith(byte[] bytes, int... prefix) {
        if (bytes.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((bytes[i] & 0xFF) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    private static void sleepTicking(ProgressLine progress) {
        try {
            for (int i = 0; i < 5; i++) {
                Thread.sleep(POLL_MILLIS / 5);
                progress.tick();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliFailure("interrupted", e);
        }
    }
}
