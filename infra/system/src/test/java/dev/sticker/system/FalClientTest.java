package dev.sticker.system;

import dev.sticker.local.LocalCloud;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * fal's own JavaScript client from npm (src/test/fal-client, pinned by its package-lock.json) run with
 * {@code node --test} against the local cloud, through the proxy route and directly, with the API key of an account
 * of its own as {@code credentials}; node's exit code decides.
 */
class FalClientTest {

    private static final Logger LOG = LoggerFactory.getLogger(FalClientTest.class);
    private static final long NODE_TIMEOUT_MINUTES = 10;

    @Test
    void falJavaScriptClientWorksInProxyAndDirectMode() throws IOException, InterruptedException {
        Assumptions.assumeTrue(nodeAvailable(), "node is not installed: the @fal-ai/client test is skipped");
        Path project = Photos.repositoryFile("infra/system/src/test/fal-client/package.json").getParent();
        assertTrue(Files.isDirectory(project.resolve("node_modules/@fal-ai/client")),
                "@fal-ai/client is not installed; run: npm ci --prefix infra/system/src/test/fal-client");
        String api = LocalCloud.shared().apiUrl().toString();

        ProcessBuilder node = new ProcessBuilder("node", "--test", "--test-reporter=spec")
                .directory(project.toFile())
                .redirectErrorStream(true);
        node.environment().put("STICKER_API_URL", api);
        node.environment().put("STICKER_KEY", TestKeys.open("10", 4).key());
        node.environment().put("STICKER_PHOTO", Photos.repositoryFile("docs/samples/astronaut.png").toString());
        Process process = node.start();
        byte[] output = process.getInputStream().readAllBytes();
        boolean exited = process.waitFor(NODE_TIMEOUT_MINUTES, TimeUnit.MINUTES);
        String report = new String(output, StandardCharsets.UTF_8);
        LOG.info("node --test against {}:\n{}", api, report);
        if (!exited) {
            process.destroyForcibly();
        }
        assertTrue(exited, "node --test did not finish within " + NODE_TIMEOUT_MINUTES + " minutes:\n" + report);
        assertEquals(0, process.exitValue(), "node --test failed:\n" + report);
    }

    private static boolean nodeAvailable() {
        try {
            Process probe = new ProcessBuilder("node", "--version").redirectErrorStream(true).start();
            probe.getInputStream().readAllBytes();
            return probe.waitFor(30, TimeUnit.SECONDS) && probe.exitValue() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
