package dev.sticker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/** The sample photos the README uses and other files of the repository the tests read. */
final class Photos {

    private Photos() {
    }

    static byte[] astronautPng() {
        return read("docs/samples/astronaut.png");
    }

    /** A photo of a cat: no human face, so generation refuses it. */
    static byte[] catPng() {
        return read("functions/engine/src/test/resources/images/chelsea.png");
    }

    static String dataUri(String mimeType, byte[] bytes) {
        return "data:" + mimeType + ";base64," + Base64.getEncoder().encodeToString(bytes);
    }

    private static byte[] read(String relative) {
        try {
            return Files.readAllBytes(repositoryFile(relative));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A file of this repository, found from the working directory or above. */
    static Path repositoryFile(String relative) {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve(relative);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException(relative + " not found in the working directory or above");
    }
}
