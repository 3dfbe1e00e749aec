package dev.sticker.local.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Consumer;

import dev.sticker.local.events.ObjectCreated;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.gaul.s3proxy.S3Proxy;
import org.gaul.s3proxy.auth.AuthenticationType;
import org.gaul.s3proxy.nio2blob.FilesystemNio2BlobStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** S3Proxy in-process over a filesystem blob store: buckets are directories under {@code directory}. */
public final class S3Server implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(S3Server.class);

    private final S3Proxy proxy;
    private final URI endpoint;

    private S3Server(S3Proxy proxy, URI endpoint) {
        this.proxy = proxy;
        this.endpoint = endpoint;
    }

    /**
     * Starts on a free port; requests must be signed with {@code accessKey}/{@code secretKey} (V2 or V4).
     * {@code cors} (null for none) answers browser preflights for every bucket; {@code created} hears of every object
     * stored, as S3 event notifications would.
     */
    public static S3Server start(Path directory, String accessKey, String secretKey, CrossOriginResourceSharing cors,
            Consumer<ObjectCreated> created) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create S3 data directory " + directory, e);
        }
        S3Proxy.Builder builder = S3Proxy.builder()
                .blobStore(new NotifyingBlobStore(new FilesystemNio2BlobStore(directory.toString()), created))
                .endpoint(URI.create("http://127.0.0.1:0"))
                .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, accessKey, secretKey)
                // The SDK sends headers (checksums, SDK metadata) S3Proxy does not know; real S3 ignores them too.
                .ignoreUnknownHeaders(true);
        if (cors != null) {
            builder.corsRules(cors);
        }
        S3Proxy proxy = builder.build();
        try {
            proxy.start();
            while (!"STARTED".equals(proxy.getState())) {
                if ("FAILED".equals(proxy.getState())) {
                    throw new IllegalStateException("S3Proxy failed to start");
                }
                Thread.sleep(5);
            }
        } catch (Exception e) {
            stopQuietly(proxy);
            throw new IllegalStateException("cannot start S3Proxy: " + e.getMessage(), e);
        }
        URI endpoint = URI.create("http://127.0.0.1:" + proxy.getPort());
        LOG.debug("S3 at {} storing in {}", endpoint, directory);
        return new S3Server(proxy, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        stopQuietly(proxy);
    }

    private static void stopQuietly(S3Proxy proxy) {
        try {
            proxy.stop();
        } catch (Exception e) {
            LOG.warn("S3Proxy did not stop cleanly: {}", e.toString());
        }
    }
}
