package dev.sticker.bench;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository is: the nearest directory at or above the working directory holding template.yaml. */
final class RepoPaths {

    private RepoPaths() {
    }

    static Path root() {
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                return dir;
            }
        }
        throw new IllegalStateException("no template.yaml in the working directory or above; run from the repository");
    }

    /** A path named by a system property, else the default, relative to the repository root. */
    static Path configured(String property, String defaultRelative) {
        String value = System.getProperty(property);
        return value != null ? Path.of(value).toAbsolutePath() : root().resolve(defaultRelative);
    }
}
