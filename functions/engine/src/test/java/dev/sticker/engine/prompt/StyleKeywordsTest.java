package dev.sticker.engine.prompt;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class StyleKeywordsTest {

    @Test
    void unknownWordsLeaveTheStyleNeutral() {
        assertEquals(PromptStyle.NEUTRAL, StyleKeywords.parse("a person", ""));
        assertEquals(PromptStyle.NEUTRAL, StyleKeywords.parse(null, null));
    }

    @Test
    void blackAndWhiteRemovesColour() {
        PromptStyle style = StyleKeywords.parse("Black and White portrait", "");
        assertEquals(0.0, style.saturation());
        assertEquals(List.of("black and white"), style.applied());
    }

    @Test
    void keywordsCombineAndBorderColourIsRead() {
        PromptStyle style = StyleKeywords.parse("vibrant comic sticker, warm, gold outline", "");
        assertTrue(style.saturation() > 1);
        assertTrue(style.ink() > 1);
        assertTrue(style.warmth() > 0);
        assertEquals(Optional.of(0xE8B923), style.borderColor());
        assertEquals(List.of("vibrant", "comic", "warm", "gold outline"), style.applied());
    }

    @Test
    void negativePromptAttenuatesOrCancels() {
        PromptStyle refused = StyleKeywords.parse("a person", "shadow, vibrant, ink");
        assertFalse(refused.shadow());
        assertTrue(refused.saturation() < 1);
        assertTrue(refused.ink() < 1);
        assertEquals(List.of("-vibrant", "-ink", "-shadow"), refused.applied());
        PromptStyle cancelled = StyleKeywords.parse("pastel", "pastel");
        assertEquals(1.0, cancelled.saturation());
        assertEquals(List.of(), cancelled.applied());
    }

    @Test
    void wordsMatchWholeOnly() {
        assertEquals(List.of(), StyleKeywords.parse("inky warmth coolant", "").applied());
    }
}
