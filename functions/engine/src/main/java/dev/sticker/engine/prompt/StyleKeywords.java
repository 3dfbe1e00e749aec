package dev.sticker.engine.prompt;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * The prompt vocabulary of the CPU engine. Matching is on whole words, case-insensitive; words outside the
 * vocabulary are ignored. A keyword in the negative prompt cancels the same keyword in the prompt and otherwise
 * attenuates that quality below neutral (e.g. negative "vibrant" mutes colour, negative "shadow" removes the
 * drop shadow).
 */
public final class StyleKeywords {

    private static final List<String> MONOCHROME = List.of("black and white", "monochrome", "grayscale",
            "greyscale", "b&w");
    private static final List<String> VIBRANT = List.of("vibrant", "vivid", "colorful", "colourful", "saturated");
    private static final List<String> PASTEL = List.of("pastel", "soft colors", "soft colours");
    private static final List<String> COMIC = List.of("comic", "ink", "manga", "cartoon", "line art");
    private static final List<String> WARM = List.of("warm", "sunny", "golden hour");
    private static final List<String> COOL = List.of("cool", "cold", "icy");
    private static final List<String> SHADOW = List.of("shadow", "drop shadow");
    private static final List<String> FLAT = List.of("flat", "minimal", "simple");

    /** Border colours: "&lt;colour&gt; outline", "&lt;colour&gt; border" or "&lt;colour&gt; edge". */
    private static final List<NamedColor> BORDER_COLORS = List.of(
            new NamedColor("gold", 0xE8B923), new NamedColor("golden", 0xE8B923),
            new NamedColor("silver", 0xC8CCD2), new NamedColor("black", 0x111111),
            new NamedColor("white", 0xFFFFFF), new NamedColor("red", 0xE0302B),
            new NamedColor("pink", 0xF4A6C6), new NamedColor("blue", 0x2F6FE0),
            new NamedColor("green", 0x2FA84F), new NamedColor("yellow", 0xF7D93A),
            new NamedColor("purple", 0x8A4FD8), new NamedColor("orange", 0xF28A2E));

    private record NamedColor(String name, int rgb) {
    }

    private StyleKeywords() {
    }

    public static PromptStyle parse(String prompt, String negativePrompt) {
        String positive = normalise(prompt);
        String negative = normalise(negativePrompt);
        List<String> applied = new ArrayList<>();
        double saturation = 1.0;
        double lift = 0.0;
        double warmth = 0.0;
        double ink = 1.0;
        int bands = 0;
        boolean shadow = true;

        switch (polarity(positive, negative, MONOCHROME, applied)) {
            case ASKED -> saturation = 0.0;
            case REFUSED -> saturation *= 1.15;
            case NONE -> { }
        }
        switch (polarity(positive, negative, VIBRANT, applied)) {
            case ASKED -> saturation *= 1.5;
            case REFUSED -> saturation *= 0.7;
            case NONE -> { }
        }
        switch (polarity(positive, negative, PASTEL, applied)) {
            case ASKED -> {
                saturation *= 0.6;
                lift = 0.18;
            }
            case REFUSED -> lift = -0.04;
            case NONE -> { }
        }
        switch (polarity(positive, negative, COMIC, applied)) {
            case ASKED -> {
                ink = 1.8;
                bands -= 1;
            }
            case REFUSED -> ink = 0.25;
            case NONE -> { }
        }
        switch (polarity(positive, negative, FLAT, applied)) {
            case ASKED -> bands -= 2;
            case REFUSED -> bands += 2;
            case NONE -> { }
        }
        switch (polarity(positive, negative, WARM, applied)) {
            case ASKED -> warmth += 0.06;
            case REFUSED -> warmth -= 0.02;
            case NONE -> { }
        }
        switch (polarity(positive, negative, COOL, applied)) {
            case ASKED -> warmth -= 0.06;
            case REFUSED -> warmth += 0.02;
            case NONE -> { }
        }
        if (polarity(positive, negative, SHADOW, applied) == Polarity.REFUSED) {
            shadow = false;
        }
        Optional<Integer> border = Optional.empty();
        for (NamedColor color : BORDER_COLORS) {
            for (String noun : List.of("outline", "border", "edge")) {
                String phrase = color.name() + " " + noun;
                if (contains(positive, phrase) && !contains(negative, phrase) && border.isEmpty()) {
                    border = Optional.of(color.rgb());
                    applied.add(phrase);
                }
            }
        }
        return new PromptStyle(saturation, lift, warmth, ink, bands, border, shadow, List.copyOf(applied));
    }

    private enum Polarity {
        ASKED,
        REFUSED,
        NONE
    }

    /** Whether the prompt asks for a quality, the negative prompt refuses it, or neither (both cancel out). */
    private static Polarity polarity(String positive, String negative, List<String> synonyms, List<String> applied) {
        String asked = firstFound(positive, synonyms);
        String refused = firstFound(negative, synonyms);
        if (asked != null && refused == null) {
            applied.add(asked);
            return Polarity.ASKED;
        }
        if (refused != null && asked == null) {
            applied.add("-" + refused);
            return Polarity.REFUSED;
        }
        return Polarity.NONE;
    }

    private static String firstFound(String text, List<String> synonyms) {
        for (String synonym : synonyms) {
            if (contains(text, synonym)) {
                return synonym;
            }
        }
        return null;
    }

    private static boolean contains(String normalised, String phrase) {
        return normalised.contains(" " + phrase + " ");
    }

    /** Lower case, every run of characters other than letters, digits and '&amp;' as one space, padded. */
    private static String normalise(String text) {
        if (text == null) {
            return " ";
        }
        String words = text.toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N}&]+", " ").trim();
        return " " + words + " ";
    }
}
