package dev.sticker.local.server;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * dynalite (the DynamoDB API on LevelDB, a Node package pinned in infra/local/package.json) as a child process.
 * It is killed on {@link #close()}, which the local cloud's shutdown hook calls once the functions' last calls are
 * done, and it exits by itself when the JVM dies without closing it (its stdin, a pipe from this JVM, then ends): a
 * dynalite left running would keep the LevelDB lock and break the next start on the same data directory.
 */
public final class DynamoServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DynamoServer.class);
    private static final Path CLI_IN_MODULE = Path.of("node_modules", "dynalite", "cli.js");
    private static final Path CLI_IN_REPOSITORY = Path.of("infra", "local").resolve(CLI_IN_MODULE);
    private static final long START_TIMEOUT_MILLIS = 20_000;
    private static final int KEPT_OUTPUT_LINES = 5;

    /**
     * Runs dynalite's cli.js (the first argument after the script) and exits when stdin ends. It ignores SIGINT: a
     * Ctrl-C in the terminal reaches the whole process group, and the functions still finishing their work after it
     * need DynamoDB until the cloud stops dynalite itself.
     */
    private static final String LAUNCHER = "process.stdin.on('end', () => process.exit(0));"
            + " process.stdin.resume(); process.on('SIGINT', () => {}); require(process.argv[1]);";

    private final Process process;
    private final URI endpoint;

    private DynamoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    /**
     * Finds dynalite's {@code cli.js}: the system property {@code sticker.dynalite.cli} if set, else the first
     * {@code node_modules/dynalite} found walking up from each of {@code startingPoints} (the infra/local module or
     * the repository root holding it).
     */
    public static Optional<Path> locateCli(List<Path> startingPoints) {
        String configured = System.getProperty("sticker.dynalite.cli");
        if (configured != null) {
            return Optional.of(Path.of(configured)).filter(Files::isRegularFile);
        }
        for (Path start : startingPoints) {
            for (Path dir = start.toAbsolutePath().normalize(); dir != null; dir = dir.getParent()) {
                for (Path candidate : List.of(dir.resolve(CLI_IN_MODULE), dir.resolve(CLI_IN_REPOSITORY))) {
                    if (Files.isRegularFile(candidate)) {
                        return Optional.of(candidate);
                    }
                }
            }
        }
        return Optional.empty();
    }

    /** Starts dynalite on a free port, keeping tables under {@code directory}, or in memory when it is null. */
    public static DynamoServer start(Path cli, Path directory) {
        int port = FreePort.find();
        List<String> command = new ArrayList<>(List.of(
                System.getProperty("sticker.node", "node"), "-e", LAUNCHER, cli.toString(),
                "--host", "127.0.0.1", "--port", Integer.toString(port),
                "--createTableMs", "0", "--deleteTableMs", "0", "--updateTableMs", "0"));
        if (directory != null) {
            try {
                Files.createDirectories(directory);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot create DynamoDB data directory " + directory, e);
            }
            command.addAll(List.of("--path", directory.toString()));
        }
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot run dynalite (is Node.js installed?): " + e.getMessage(), e);
        }
        Deque<String> lastLines = new ConcurrentLinkedDeque<>();
        Thread output = new Thread(() -> forwardOutput(process, lastLines), "dynalite-output");
        output.setDaemon(true);
        output.start();
        DynamoServer server = new DynamoServer(process, URI.create("http://127.0.0.1:" + port));
        try {
            awaitListening(process, port, lastLines);
        } catch (RuntimeException e) {
            server.close();
            throw e;
        }
        LOG.debug("DynamoDB (dynalite pid {}) at {}", process.pid(), server.endpoint);
        return server;
    }

    public URI endpoint() {
        return endpoint;
    }

    public long pid() {
        return process.pid();
    }

    @Override
    public void close() {
        kill(process);
    }

    private static void kill(Process process) {
        process.destroy();
        try {
            if (!process.waitFor(3, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(3, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static void awaitListening(Process process, int port, Deque<String> lastLines) {
        long deadline = System.currentTimeMillis() + START_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("dynalite exited with code " + process.exitValue()
                        + " before listening (is another local cloud using the same data directory?): "
                        + String.join(" | ", lastLines));
            }
            try (Socket socket = new Socket()) {
                socket.connect(new InetSocketAddress("127.0.0.1", port), 200);
                return;
            } catch (IOException notYet) {
                sleep(20);
            }
        }
        throw new IllegalStateException("dynalite did not listen on port " + port + " within "
                + START_TIMEOUT_MILLIS + " ms");
    }

    private static void forwardOutput(Process process, Deque<String> lastLines) {
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                LOG.debug("dynalite: {}", line);
                lastLines.addLast(line);
                if (lastLines.size() > KEPT_OUTPUT_LINES) {
                    lastLines.pollFirst();
                }
            }
        } catch (IOException e) {
            LOG.debug("dynalite output closed: {}", e.toString());
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for dynalite", e);
        }
    }
}
