package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./sticker make}, run as the launcher runs it, offline and against the local cloud's API. */
class MakeCommandTest {

    @TempDir
    Path work;

    @Test
    void offlineAndThroughTheApiTheSameSeedMakesTheSameSticker() throws IOException {
        Path photo = Photos.repositoryFile("docs/samples/astronaut.png");
        String api = LocalCloud.shared().apiUrl().toString();

        // A checkout where ./sticker up kept its key, which make sends when STICKER_KEY is not set.
        Path checkout = Files.createDirectories(work.resolve("checkout/.sticker")).getParent();
        Files.writeString(checkout.resolve(".sticker").resolve(LocalAccount.KEY_FILE), TestKeys.admin() + "\n");
        String previousHome = System.setProperty("sticker.home", checkout.toString());

        Run offline = make(photo.toString(), "--offline", "--seed", "7", "--size", "square", "-o", "offline");
        Run online;
        try {
            online = make(photo.toString(), "--endpoint", api, "--seed", "7", "--size", "square", "-o", "online");
        } finally {
            restore("sticker.home", previousHome);
        }

        assertEquals(0, offline.exitCode(), offline.err());
        assertEquals(0, online.exitCode(), online.err());
        for (String file : new String[]{MakeCommand.STICKER_FILE, MakeCommand.BACKGROUND_REMOVED_FILE}) {
            byte[] local = Files.readAllBytes(work.resolve("offline").resolve(file));
            BufferedImage image = ImageIO.read(work.resolve("offline").resolve(file).toFile());
            assertEquals(512, image.getWidth(), file);
            assertEquals(512, image.getHeight(), file);
            assertArrayEquals(local, Files.readAllBytes(work.resolve("online").resolve(file)), file);
        }
        assertTrue(offline.err().contains("seed 7"), offline.err());
    }

    @Test
    void optionsOutsideTheApisRangesAreRefusedWithTheOptionNamed() {
        Path photo = Photos.repositoryFile("docs/samples/astronaut.png");

        Run tooSmall = make(photo.toString(), "--offline", "--size", "100x3000", "-o", "out");
        Run unknownPreset = make(photo.toString(), "--offline", "--size", "huge", "-o", "out");

        assertEquals(1, tooSmall.exitCode());
        assertTrue(tooSmall.err().startsWith("sticker: --size: "), tooSmall.err());
        assertEquals(1, unknownPreset.exitCode());
        assertTrue(unknownPreset.err().contains("--size: ") && unknownPreset.err().contains("square_hd"),
                unknownPreset.err());
        assertTrue(Files.notExists(work.resolve("out")), "nothing is written for a refused input");
    }

    @Test
    void aFileThatIsNotAPhotoIsNamedAsWhatItIs() throws IOException {
        Path page = Files.writeString(work.resolve("page.png"), "<!DOCTYPE html><html></html>", StandardCharsets.UTF_8);

        Run run = make(page.toString(), "--offline", "-o", "out");

        assertEquals(1, run.exitCode());
        assertTrue(run.err().contains("is not a photo (it looks like text/html)"), run.err());
    }

    private record Run(int exitCode, String err) {
    }

    private static void restore(String property, String previous) {
        if (previous == null) {
            System.clearProperty(property);
        } else {
            System.setProperty(property, previous);
        }
    }

    private Run make(String... arguments) {
        String[] args = new String[arguments.length + 1];
        args[0] = "make";
        for (int i = 0; i < arguments.length; i++) {
            boolean outputDir = i > 0 && arguments[i - 1].equals("-o");
            args[i + 1] = outputDir ? work.resolve(arguments[i]).toString() : arguments[i];
        }
        StringWriter err = new StringWriter();
        CommandLine commandLine = StickerCli.commandLine();
        commandLine.setErr(new PrintWriter(err, true));
        int exitCode = commandLine.execute(args);
        return new Run(exitCode, err.toString());
    }
}
