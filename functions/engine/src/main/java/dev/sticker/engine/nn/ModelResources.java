package dev.sticker.engine.nn;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * Model files, each checked against the SHA-256 listed for it in {@code SHA256SUMS} before anyone sees its bytes,
 * so a corrupted or swapped model fails at load time with its file name instead of producing wrong stickers.
 */
public final class ModelResources {

    public static final String CHECKSUM_FILE = "SHA256SUMS";
    private static final String CLASSPATH_FOLDER = "/models/";

    private final Function<String, Optional<byte[]>> reader;
    private final Map<String, String> expectedSha256;

    /** @param reader file name to its bytes, empty if there is no such file */
    public ModelResources(Function<String, Optional<byte[]>> reader) {
        this.reader = reader;
        this.expectedSha256 = parseChecksums(reader.apply(CHECKSUM_FILE)
                .orElseThrow(() -> new ModelIntegrityException("model checksum list " + CHECKSUM_FILE + " is missing")));
    }

    /** The model files bundled with the engine. */
    public static ModelResources bundled() {
        return new ModelResources(ModelResources::readClasspath);
    }

    /** The verified bytes of a model file. */
    public byte[] read(String fileName) {
        String expected = expectedSha256.get(fileName);
        if (expected == null) {
            throw new ModelIntegrityException("model file " + fileName + " has no entry in " + CHECKSUM_FILE);
        }
        byte[] bytes = reader.apply(fileName)
                .orElseThrow(() -> new ModelIntegrityException("model file " + fileName + " is missing"));
        String actual = sha256(bytes);
        if (!actual.equals(expected)) {
            throw new ModelIntegrityException("model file " + fileName + " failed its SHA-256 check: expected "
                    + expected + ", found " + actual);
        }
        return bytes;
    }

    private static Optional<byte[]> readClasspath(String fileName) {
        try (InputStream in = ModelResources.class.getResourceAsStream(CLASSPATH_FOLDER + fileName)) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read model file " + fileName, e);
        }
    }

    private static Map<String, String> parseChecksums(byte[] listing) {
        Map<String, String> sums = new HashMap<>();
        for (String line : new String(listing, StandardCharsets.UTF_8).split("\n")) {
            String trimmed = line.strip();
            if (trimmed.isEmpty()) {
                continue;
            }
            String[] parts = trimmed.split("\\s+", 2);
            if (parts.length != 2) {
                throw new ModelIntegrityException("malformed line in " + CHECKSUM_FILE + ": " + trimmed);
            }
            // sha256sum marks binary mode with a leading '*' on the file name
            String name = parts[1].startsWith("*") ? parts[1].substring(1) : parts[1];
            sums.put(name, parts[0].toLowerCase());
        }
        return Map.copyOf(sums);
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java runtime provides SHA-256", e);
        }
    }
}
