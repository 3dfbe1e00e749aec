package dev.sticker.engine.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class ModelResourcesTest {

    private static final ModelResources BUNDLED = ModelResources.bundled();

    @Test
    void bundledFilesPassTheirChecksums() {
        byte[] bytes = BUNDLED.read("blazeface-front.bin");
        assertTrue(bytes.length > 0);
    }

    @Test
    void aChangedByteFailsLoudlyNamingTheFile() {
        ModelResources tampered = new ModelResources(name -> {
            byte[] bytes = readBundled(name);
            if (name.equals("blazeface-front.bin")) {
                bytes[1000] ^= 1;
            }
            return Optional.of(bytes);
        });
        ModelIntegrityException failure = assertThrows(ModelIntegrityException.class,
                () -> GraphModel.load(tampered, "blazeface-front.json"));
        assertTrue(failure.getMessage().contains("blazeface-front.bin"), failure.getMessage());
        assertTrue(failure.getMessage().contains("SHA-256"), failure.getMessage());
    }

    @Test
    void aMissingFileFailsNamingTheFile() {
        ModelResources missing = new ModelResources(name -> name.equals("selfie.bin")
                ? Optional.empty() : Optional.of(readBundled(name)));
        ModelIntegrityException failure = assertThrows(ModelIntegrityException.class,
                () -> GraphModel.load(missing, "selfie.json"));
        assertTrue(failure.getMessage().contains("selfie.bin"), failure.getMessage());
    }

    @Test
    void aFileWithoutAChecksumIsRefused() {
        assertThrows(ModelIntegrityException.class, () -> BUNDLED.read("NOTICE"));
    }

    @Test
    void halfPrecisionDecodesExactly() {
        assertArrayEquals(new float[] {0f, 1f, -2f, 65504f, 0x1p-24f, Float.POSITIVE_INFINITY},
                new float[] {WeightsDecoder.halfToFloat((short) 0x0000), WeightsDecoder.halfToFloat((short) 0x3c00),
                    WeightsDecoder.halfToFloat((short) 0xc000), WeightsDecoder.halfToFloat((short) 0x7bff),
                    WeightsDecoder.halfToFloat((short) 0x0001), WeightsDecoder.halfToFloat((short) 0x7c00)});
    }

    private static byte[] readBundled(String name) {
        try (var in = ModelResourcesTest.class.getResourceAsStream("/models/" + name)) {
            return in.readAllBytes();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
