package dev.sticker.core.input;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * The size of the generated image: one of fal's named presets or a custom width and height.
 *
 * @param preset the preset name, or null for a custom size
 */
public record ImageSize(String preset, int width, int height) {

    public static final int MIN_SIDE = 256;
    public static final int MAX_SIDE = 2048;
    /** fal's ImageSize type defaults each side to 512 when the object leaves it out. */
    public static final int DEFAULT_SIDE = 512;

    public static final ImageSize SQUARE_HD = new ImageSize("square_hd", 1024, 1024);

    private static final ImageSize[] PRESETS = {
            SQUARE_HD,
            new ImageSize("square", 512, 512),
            new ImageSize("portrait_4_3", 768, 1024),
            new ImageSize("portrait_16_9", 576, 1024),
            new ImageSize("landscape_4_3", 1024, 768),
            new ImageSize("landscape_16_9", 1024, 576),
    };

    /** The named presets, in fal's order. */
    public static List<ImageSize> presets() {
        return List.of(PRESETS);
    }

    public static Optional<ImageSize> preset(String name) {
        return Arrays.stream(PRESETS).filter(p -> p.preset.equals(name)).findFirst();
    }

    public static ImageSize custom(int width, int height) {
        return new ImageSize(null, width, height);
    }

    public static String presetNames() {
        return String.join(", ", Arrays.stream(PRESETS).map(p -> "'" + p.preset + "'").toList());
    }

    public boolean isPreset() {
        return preset != null;
    }
}
