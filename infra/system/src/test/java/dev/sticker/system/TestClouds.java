package dev.sticker.system;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

/** What the test classes that need a local cloud of their own (other options than the shared one) start it from. */
final class TestClouds {

    private TestClouds() {
    }

    /** The template under test: system property sticker.template (as for the shared cloud), else the repository's. */
    static Path template() {
        String configured = System.getProperty("sticker.template");
        return configured != null ? Path.of(configured) : Photos.repositoryFile("template.yaml");
    }

    /** A loopback port free right now, for servers whose URL must be known before they start. */
    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
