package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * The playground in headless Chromium (Debian's package) driven by playwright-core from npm (src/test/browser,
 * pinned by its package-lock.json), run with {@code node --test} against a local cloud of its own; node's exit code
 * decides. Screenshots and downloaded stickers are kept in {@code target/browser/}.
 *
 * <p>The cloud makes the API publishable under its second name, {@code localhost}: a page loaded from there runs
 * without a key through the browser proxy, while the same page loaded from {@code 127.0.0.1}, another origin, needs
 * one. The accounts each test needs (with credit, with none, with one call a minute) are opened here and their keys
 * handed to node.
 *
 * <p>Unlike the other Node test, a missing browser fails rather than skips: this is the only test of the page.
 */
class PlaygroundBrowserTest {

    private static final Logger LOG = LoggerFactory.getLogger(PlaygroundBrowserTest.class);
    private static final long NODE_TIMEOUT_MINUTES = 10;
    /** Debian's chromium package; STICKER_CHROMIUM names another build of Chromium. */
    private static final String DEFAULT_CHROMIUM = "/usr/bin/chromium";
    private static final String PUBLISHABLE_ACCOUNT = "playground-publishable";
    /**
     * The upload, the submit and one poll: a run through the browser proxy then meets a 429 while the page follows
     * it, which the page must wait out rather than give up on.
     */
    private static final int PUBLISHABLE_CALLS_PER_MINUTE = 3;
    /** Ample for every call the runs make. */
    private static final int CALLS_PER_MINUTE = 100_000;

    @Test
    void thePlaygroundWorksInARealBrowser() throws IOException, InterruptedException {
        Path chromium = Path.of(System.getenv().getOrDefault("STICKER_CHROMIUM", DEFAULT_CHROMIUM));
        if (!Files.isExecutable(chromium)) {
            fail("Chromium is not installed at " + chromium + "; the playground's browser test needs it. Install it "
                    + "with: sudo apt-get install -y chromium (or set STICKER_CHROMIUM to a Chromium binary)");
        }
        Path project = Photos.repositoryFile("infra/system/src/test/browser/package.json").getParent();
        assertTrue(Files.isDirectory(project.resolve("node_modules/playwright-core")),
                "playwright-core is not installed; run: npm ci --prefix infra/system/src/test/browser");
        Path artifacts = Path.of("target", "browser").toAbsolutePath();
        Files.createDirectories(artifacts);
        int apiPort = TestClouds.freePort();
        String publishableOrigin = "http://localhost:" + apiPort;

        try (LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(TestClouds.template(), null, apiPort, true,
                Map.of("PublishableOrigins", publishableOrigin + "=" + PUBLISHABLE_ACCOUNT,
                        "PublishableRatePerMinute", Integer.toString(PUBLISHABLE_CALLS_PER_MINUTE))))) {
            String api = cloud.apiUrl().toString();
            String publishableKey = TestKeys.open(cloud, PUBLISHABLE_ACCOUNT, "5", 4, CALLS_PER_MINUTE).key();
            ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec")
                    .directory(project.toFile())
                    .redirectErrorStream(true);
            node.environment().put("STICKER_API_URL", api);
            node.environment().put("STICKER_PUBLISHABLE_URL", publishableOrigin);
            // Read by the test only, to see what the page's keyless runs were billed.
            node.environment().put("STICKER_PUBLISHABLE_ACCOUNT_KEY", publishableKey);
            node.environment().put("STICKER_KEY", TestKeys.open(cloud, null, "5", 4, CALLS_PER_MINUTE).key());
            node.environment().put("STICKER_EXHAUSTED_KEY", TestKeys.open(cloud, null, "0", 4, CALLS_PER_MINUTE).key());
            node.environment().put("STICKER_RATE_LIMITED_KEY", TestKeys.open(cloud, null, "5", 4, 1).key());
            node.environment().put("STICKER_PHOTO", Photos.repositoryFile("docs/samples/astronaut.png").toString());
            node.environment().put("STICKER_CHROMIUM", chromium.toString());
            node.environment().put("STICKER_ARTIFACTS", artifacts.toString());
            Process process = node.start();
            byte[] output = process.getInputStream().readAllBytes();
            boolean exited = process.waitFor(NODE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
            String report = new String(output, StandardCharsets.UTF_8);
            LOG.info("node --test (playground in Chromium) against {}:\n{}", api, report);
            if (!exited) {
                process.destroyForcibly();
            }
            assertTrue(exited, "node --test did not finish within " + NODE_TIMEOUT_MINUTES + " minutes:\n" + report);
            assertEquals(0, process.exitValue(), "the playground's browser test failed:\n" + report);
        }
    }
}
