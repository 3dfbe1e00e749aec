package dev.sticker.api;

import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlaygroundFilesTest {

    private static final Pattern PAGE_ASSET = Pattern.compile("(?:src|href)=\"playground/([^\"]+)\"");
    private static final Pattern MODULE_IMPORT = Pattern.compile("from \"\\./([^\"]+)\"");
    /** The page's whole transfer is meant to stay small: plain HTML, CSS and modules, no framework. */
    private static final int MAX_TOTAL_BYTES = 80 * 1024;

    private final PlaygroundFiles files = new PlaygroundFiles(PlaygroundFilesTest.class.getClassLoader());

    @Test
    void thePageKnowsItsBaseUnderAStageAndWithout() {
        String local = files.page(new ApiUrls("http://127.0.0.1:3000"), null).body();
        String staged = files.page(new ApiUrls("https://abc.execute-api.eu-west-1.amazonaws.com/v1"), null).body();

        assertTrue(local.contains("<base href=\"/\">"), local);
        assertTrue(staged.contains("<base href=\"/v1/\">"), staged);
        assertFalse(staged.contains(PlaygroundFiles.BASE_PLACEHOLDER));
    }

    @ParameterizedTest
    @ValueSource(strings = {"http://x\"><script>alert(1)</script>", "http://x/a\"b", "http://x/a b"})
    void aBaseThatIsNotAPlainPathGivesTheRoot(String base) {
        String page = files.page(new ApiUrls(base), null).body();

        assertTrue(page.contains("<base href=\"/\">"), page);
        assertFalse(page.contains("<script>alert"));
    }

    @Test
    void thePageIsHtmlThatRunsOnlyThisApisScripts() {
        ApiReply page = files.page(new ApiUrls("http://127.0.0.1:3000"), null);

        assertEquals(200, page.status());
        assertEquals("text/html; charset=utf-8", page.headers().get("Content-Type"));
        assertTrue(page.headers().get("Content-Security-Policy").contains("script-src 'self'"));
        assertEquals("no-cache", page.headers().get("Cache-Control"));
    }

    @Test
    void everyFileThePageAndItsModulesLoadIsServedWithItsType() {
        Set<String> names = new LinkedHashSet<>();
        collect(PAGE_ASSET, files.page(new ApiUrls("http://127.0.0.1:3000"), null).body(), names);
        Deque<String> modules = new ArrayDeque<>(names);
        while (!modules.isEmpty()) {
            String name = modules.pop();
            if (name.endsWith(".js")) {
                Set<String> imported = new LinkedHashSet<>();
                collect(MODULE_IMPORT, files.asset(name, null).body(), imported);
                imported.stream().filter(names::add).forEach(modules::push);
            }
        }
        int total = files.page(new ApiUrls("http://127.0.0.1:3000"), null).body().length();
        for (String name : names) {
            ApiReply asset = files.asset(name, null);
            assertEquals(200, asset.status(), name);
            assertEquals(name.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8",
                    asset.headers().get("Content-Type"), name);
            total += asset.body().length();
        }
        assertTrue(names.containsAll(Set.of("main.js", "api.js", "form.js", "code.js", "history.js", "playground.css")),
                names.toString());
        assertTrue(total < MAX_TOTAL_BYTES, "the playground weighs " + total + " bytes");
    }

    @Test
    void anUnchangedFileIsNotSentAgain() {
        ApiReply first = files.asset("main.js", null);
        String etag = first.headers().get("ETag");

        ApiReply again = files.asset("main.js", etag);
        ApiReply changed = files.asset("main.js", "\"something-else\"");

        assertEquals(304, again.status());
        assertEquals("", again.body());
        assertEquals(etag, again.headers().get("ETag"));
        assertEquals(200, changed.status());
    }

    @ParameterizedTest
    @ValueSource(strings = {"index.html", "../main.js", "nope.js", "Main.js", "main.js/x", "main.mjs", ".hidden.js",
            "..%2Fmain.js"})
    void nothingElseIsServed(String name) {
        assertEquals(404, files.asset(name, null).status());
    }

    private static void collect(Pattern pattern, String text, Set<String> into) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            into.add(matcher.group(1));
        }
    }
}
