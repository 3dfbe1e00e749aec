package dev.sticker.local.server;

import java.net.URI;

import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** ElasticMQ in-process: the SQS JSON protocol, redrive to dead-letter queues included. Queues live in memory. */
public final class SqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsServer.class);

    private final SQSRestServer server;
    private final URI endpoint;

    private SqsServer(SQSRestServer server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    public static SqsServer start(String region, String accountId) {
        int port = FreePort.find();
        SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                // Queue URLs are built from this address, so it must be the one clients reach.
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSRegion(region)
                .withAWSAccountId(accountId)
                .start();
        server.waitUntilStarted();
        URI endpoint = URI.create("http://127.0.0.1:" + port);
        LOG.debug("SQS at {}", endpoint);
        return new SqsServer(server, endpoint);
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
