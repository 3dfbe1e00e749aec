package dev.sticker.local.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.ActorRef;
import org.apache.pekko.actor.ActorSystem;
import org.apache.pekko.actor.Props;
import org.apache.pekko.pattern.Patterns;
import org.elasticmq.NodeAddress;
import org.elasticmq.StrictSQSLimits$;
import org.elasticmq.actor.QueueManagerActor;
import org.elasticmq.actor.queue.QueueEvent;
import org.elasticmq.persistence.CreateQueueMetadata;
import org.elasticmq.persistence.sql.SqlQueuePersistenceActor;
import org.elasticmq.persistence.sql.SqlQueuePersistenceConfig;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import org.elasticmq.util.NowProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;
import scala.collection.immutable.List$;
import scala.util.Either;
import scalikejdbc.ConnectionPool$;
import scalikejdbc.ConnectionPoolSettings;

/**
 * ElasticMQ in-process: the SQS JSON protocol, redrive to dead-letter queues included. Queues live in memory, or, given
 * a store directory, also in ElasticMQ's SQL message storage on an H2 file there: every queue, message, receive and
 * delete is written before SQS answers, and at start the queues and messages are restored, each message with the
 * time it becomes visible (so one received before a crash comes back after its visibility timeout, as on SQS).
 */
public final class SqsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SqsServer.class);
    private static final String STORE_FILE = "queues";
    private static final Duration RESTORE_TIMEOUT = Duration.ofSeconds(60);
    /**
     * ElasticMQ's SQL storage reaches its database through scalikejdbc's JVM-wide default connection pool, so one
     * JVM can hold the durable queues of one local cloud at a time.
     */
    private static final AtomicBoolean STORE_IN_USE = new AtomicBoolean();

    private final ActorSystem actorSystem;
    private final SQSRestServer server;
    private final URI endpoint;
    private final boolean durable;

    private SqsServer(ActorSystem actorSystem, SQSRestServer server, URI endpoint, boolean durable) {
        this.actorSystem = actorSystem;
        this.server = server;
        this.endpoint = endpoint;
        this.durable = durable;
    }

    /** Starts ElasticMQ on a free port; with {@code storeDirectory} null the queues are kept in memory only. */
    public static SqsServer start(String region, String accountId, Path storeDirectory) {
        boolean durable = storeDirectory != null;
        if (durable && !STORE_IN_USE.compareAndSet(false, true)) {
            throw new IllegalStateException("another local cloud in this JVM keeps durable queues; ElasticMQ's message"
                    + " store is one per JVM, so close it first or start this one ephemeral");
        }
        ActorSystem actorSystem = null;
        try {
            actorSystem = ActorSystem.create("elasticmq", actorSystemConfig());
            ActorRef store = durable ? startStore(actorSystem, storeDirectory) : null;
            ActorRef queues = actorSystem.actorOf(queueManagerProps(Option.apply(store)), "queue-manager");
            if (store != null) {
                restore(store, queues);
            }
            int port = FreePort.find();
            SQSRestServer server = SQSRestServerBuilder.withInterface("127.0.0.1")
                    .withPort(port)
                    // Queue URLs are built from this address, so it must be the one clients reach.
                    .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                    .withAWSRegion(region)
                    .withAWSAccountId(accountId)
                    .withActorSystem(actorSystem)
                    .withQueueManagerActor(queues)
                    .start();
            server.waitUntilStarted();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            LOG.debug("SQS at {} ({})", endpoint, durable ? "queues kept in " + storeDirectory : "queues in memory");
            return new SqsServer(actorSystem, server, endpoint, durable);
        } catch (RuntimeException e) {
            if (actorSystem != null) {
                terminate(actorSystem);
            }
            if (durable) {
                releaseStore();
            }
            throw e;
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stopAndWait();
        } finally {
            terminate(actorSystem);
            if (durable) {
                releaseStore();
            }
        }
    }

    /**
     * The local cloud stops ElasticMQ itself, after the functions' last calls; Pekko's own JVM shutdown hook would
     * stop it under them.
     */
    private static Config actorSystemConfig() {
        return ConfigFactory.parseString("""
                        pekko.coordinated-shutdown.run-by-jvm-shutdown-hook = off
                        pekko.jvm-shutdown-hooks = off
                        """)
                .withFallback(ConfigFactory.load(SqsServer.class.getClassLoader()));
    }

    private static ActorRef startStore(ActorSystem actorSystem, Path directory) {
        String url = storeUrl(directory);
        openConnectionPool(url);
        SqlQueuePersistenceConfig config = new SqlQueuePersistenceConfig(true, org.h2.Driver.class.getName(), url,
                "", "", false);
        return actorSystem.actorOf(storeProps(config), "queue-store");
    }

    /**
     * An H2 file in the directory. Each commit is written at once (WRITE_DELAY=0), so what SQS acknowledged survives
     * the process being killed; the local cloud closes the database itself, after the functions' last calls, rather
     * than H2's shutdown hook.
     */
    private static String storeUrl(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the queue store directory " + directory, e);
        }
        return "jdbc:h2:file:" + directory.toAbsolutePath().resolve(STORE_FILE) + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE";
    }

    /**
     * Points scalikejdbc's default pool, which ElasticMQ's storage uses, at this store (ElasticMQ sets it only once
     * per JVM) and opens the database now, so that a store that cannot be opened stops the start with H2's reason.
     */
    private static void openConnectionPool(String url) {
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        ConnectionPoolSettings settings = pools.singleton$default$4();
        pools.singleton(url, "", "", settings, pools.singleton$default$5(url, "", "", settings));
        try (Connection connection = pools.borrow(pools.borrow$default$1())) {
            LOG.debug("queue store open: {}", connection.getMetaData().getURL());
        } catch (SQLException e) {
            pools.close(pools.close$default$1());
            throw new IllegalStateException("cannot open the queue store " + url + ": " + e.getMessage(), e);
        }
    }

    private static Props storeProps(SqlQueuePersistenceConfig config) {
        return Props.create(SqlQueuePersistenceActor.class,
                () -> new SqlQueuePersistenceActor(config, List$.MODULE$.<CreateQueueMetadata>empty()));
    }

    private static Props queueManagerProps(Option<ActorRef> store) {
        return Props.create(QueueManagerActor.class,
                () -> new QueueManagerActor(new NowProvider(), StrictSQSLimits$.MODULE$, store));
    }

    /** Recreates the stored queues (dead-letter queues first) with their messages, before anyone can call SQS. */
    private static void restore(ActorRef store, ActorRef queues) {
        CompletionStage<Object> restored = Patterns.ask(store, new QueueEvent.Restore(queues), RESTORE_TIMEOUT);
        Object result;
        try {
            result = restored.toCompletableFuture().get(RESTORE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("cannot restore the queues from their store: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while restoring the queues", e);
        }
        if (result instanceof Either<?, ?> either && either.isLeft()) {
            throw new IllegalStateException("cannot restore the queues from their store: " + either.left().get());
        }
    }

    private static void terminate(ActorSystem actorSystem) {
        actorSystem.terminate();
        try {
            actorSystem.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            LOG.warn("ElasticMQ did not stop cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void releaseStore() {
        ConnectionPool$ pools = ConnectionPool$.MODULE$;
        pools.close(pools.close$default$1());
        STORE_IN_USE.set(false);
    }
}
