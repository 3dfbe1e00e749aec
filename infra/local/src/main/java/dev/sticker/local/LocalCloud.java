package dev.sticker.local;

import dev.sticker.local.events.BucketNotifications;
import dev.sticker.local.events.EventSource;
import dev.sticker.local.events.S3EventSource;
import dev.sticker.local.events.ScheduleEventSource;
import dev.sticker.local.events.SqsEventSource;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.FunctionDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.gateway.ApiGateway;
import dev.sticker.local.gateway.ApiRoute;
import dev.sticker.local.server.DynamoServer;
import dev.sticker.local.server.S3Server;
import dev.sticker.local.server.SqsServer;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;
import dev.sticker.settings.Secret;
import dev.sticker.settings.Setting;
import org.gaul.s3proxy.CrossOriginResourceSharing;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiConsumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The whole system in one JVM, stood up from template.yaml: DynamoDB (dynalite), S3 (S3Proxy) and SQS (ElasticMQ)
 * servers, the template's tables, buckets and queues, and, when asked, API Gateway and the event sources (SQS pollers,
 * S3 notifications, schedules) invoking the very handler classes that run on Lambda. Unless ephemeral, tables, objects
 * and queued messages are kept in the data directory.
 *
 * <p>Functions read their configuration as JVM system properties (one JVM has one environment), so at start every
 * key of {@link #environment()} is set as a system property of the same name, plus the SDK's {@code aws.region},
 * {@code aws.accessKeyId} and {@code aws.secretAccessKey}; close restores the previous values.
 */
public final class LocalCloud implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalCloud.class);
    private static final String SECRET_FILE = "callback-secret";
    private static final String WEBHOOK_KEY_FILE = "webhook-signing-key";
    private static final String LOCAL_HOSTS = "127.0.0.1,localhost";
    private static LocalCloud shared;

    private final LocalCloudOptions options;
    private final Path dataDir;
    private final List<AutoCloseable> servers;
    private final LocalStack stack;
    private final LocalClients clients;
    private final Map<String, LocalFunction> functions;
    private final Map<String, String> environment;
    private final Map<String, String> previousProperties = new LinkedHashMap<>();
    private final BucketNotifications bucketNotifications;
    private final List<EventSource> eventSources = new ArrayList<>();
    private final Thread shutdownHook = new Thread(this::close, "local-cloud-shutdown");
    private ApiGateway gateway;
    private boolean closed;

    private LocalCloud(LocalCloudOptions options, Path dataDir, List<AutoCloseable> servers, LocalStack stack,
            LocalClients clients, Map<String, LocalFunction> functions, Map<String, String> environment,
            BucketNotifications bucketNotifications) {
        this.options = options;
        this.bucketNotifications = bucketNotifications;
        this.dataDir = dataDir;
        this.servers = servers;
        this.stack = stack;
        this.clients = clients;
        this.functions = functions;
        this.environment = environment;
    }

    public static LocalCloud start(LocalCloudOptions options) {
        long started = System.nanoTime();
        Template template = Template.read(options.template());
        // Also checks the parameter overrides, before anything is started or created.
        CrossOriginResourceSharing s3Cors = BucketCors.fromTemplate(template, options.parameterOverrides()).orElse(null);
        Path dataDir = dataDirectory(options);
        List<AutoCloseable> servers = new ArrayList<>();
        try {
            if (!options.ephemeral()) {
                servers.add(DataDirectoryLock.acquire(dataDir));
            }
            BucketNotifications bucketNotifications = new BucketNotifications();
            Endpoints endpoints = startServers(options, dataDir, s3Cors, bucketNotifications, servers);
            LocalStack stack = new LocalStack(template, options.parameterOverrides(), endpoints);
            LocalClients clients = new LocalClients(endpoints);
            servers.add(clients);
            new Provisioner(stack, clients, options.visibilityTimeoutFactor()).provision();
            List<FunctionDefinition> definitions = TemplateFunctions.read(stack);
            Map<String, String> environment = environment(definitions, endpoints, dataDir);
            Map<String, LocalFunction> functions = new LinkedHashMap<>();
            definitions.forEach(d -> functions.put(d.logicalId(), new LocalFunction(d)));
            LocalCloud cloud = new LocalCloud(options, dataDir, servers, stack, clients,
                    Collections.unmodifiableMap(functions), environment, bucketNotifications);
            cloud.publishEnvironment();
            Runtime.getRuntime().addShutdownHook(cloud.shutdownHook);
            if (options.serveFunctions()) {
                cloud.serve();
            }
            LOG.info("local cloud up in {} ms (data in {})", (System.nanoTime() - started) / 1_000_000, dataDir);
            return cloud;
        } catch (RuntimeException e) {
            closeAll(servers);
            if (options.ephemeral()) {
                deleteRecursively(dataDir);
            }
            throw e;
        }
    }

    /**
     * One ephemeral cloud per JVM, serving functions, started on first use and closed when the JVM exits, so that
     * many test classes share one set of servers. The template is the system property {@code sticker.template}, else
     * the first template.yaml found walking up from the working directory. System properties tune it:
     * {@code sticker.visibilityTimeoutFactor} scales queue visibility timeouts (default 1),
     * {@code sticker.schedulePeriodSeconds} runs every schedule at that period (default: each schedule's own), and
     * {@code sticker.sqsConcurrency} sets how many batches each SQS event source runs at once (default: the cores).
     */
    public static synchronized LocalCloud shared() {
        if (shared == null || shared.closed) {
            LocalCloudOptions options = LocalCloudOptions.ephemeral(findTemplate())
                    .withVisibilityTimeoutFactor(Double.parseDouble(
                            System.getProperty("sticker.visibilityTimeoutFactor", "1")))
                    .withSqsConcurrency(Integer.parseInt(System.getProperty("sticker.sqsConcurrency",
                            Integer.toString(LocalCloudOptions.defaultSqsConcurrency()))));
            String schedulePeriod = System.getProperty("sticker.schedulePeriodSeconds");
            if (schedulePeriod != null) {
                options = options.withSchedulePeriod(
                        Duration.ofMillis(Math.round(Double.parseDouble(schedulePeriod) * 1000)));
            }
            shared = start(options);
        }
        return shared;
    }

    /** What every function sees as its environment (also published as system properties). */
    public Map<String, String> environment() {
        return environment;
    }

    public URI apiUrl() {
        if (gateway == null) {
            throw new IllegalStateException("the API is served only when the cloud serves functions");
        }
        return gateway.url();
    }

    /** Table name, bucket name or queue URL (what {@code Ref} gives) of a template resource. */
    public String physicalName(String logicalId) {
        return stack.physicalName(logicalId);
    }

    /** A template function, ready to invoke in-process. */
    public LocalFunction function(String logicalId) {
        LocalFunction function = functions.get(logicalId);
        if (function == null) {
            throw new IllegalArgumentException("the template has no function " + logicalId + "; it has "
                    + functions.keySet());
        }
        return function;
    }

    /** The logical ids of the template's functions, in template order. */
    public Set<String> functionIds() {
        return functions.keySet();
    }

    /** SDK clients for the local servers. */
    public LocalClients clients() {
        return clients;
    }

    public Path dataDir() {
        return dataDir;
    }

    /**
     * Stops the event sources taking new events (SQS pollers, S3 notifications, schedules), lets the invocations under
     * way finish for up to the options' stop grace, then stops everything. What was not received stays in the queues
     * for the next start on the same data directory; a message whose invocation did not finish in time becomes visible
     * again after its visibility timeout, as on SQS.
     */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        drainEventSources();
        eventSources.forEach(EventSource::close);
        if (gateway != null) {
            gateway.close();
        }
        closeAll(servers);
        previousProperties.forEach((key, value) -> {
            if (value == null) {
                System.clearProperty(key);
            } else {
                System.setProperty(key, value);
            }
        });
        if (options.ephemeral()) {
            deleteRecursively(dataDir);
        }
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                LOG.debug("JVM is shutting down");
            }
        }
    }

    private void drainEventSources() {
        eventSources.forEach(EventSource::stop);
        int running = eventSources.stream().mapToInt(EventSource::runningInvocations).sum();
        if (running > 0) {
            LOG.info("waiting up to {} s for {} running invocation{} to finish{}", options.stopGrace().toSeconds(),
                    running, running == 1 ? "" : "s",
                    options.ephemeral() ? "" : "; queued messages wait for the next start");
        }
        long deadline = System.nanoTime() + options.stopGrace().toNanos();
        try {
            for (EventSource source : eventSources) {
                source.awaitIdle(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int unfinished = eventSources.stream().mapToInt(EventSource::runningInvocations).sum();
        if (unfinished > 0) {
            LOG.warn("{} invocation{} still running after {} s, abandoned; an SQS message being handled comes back"
                    + " after its visibility timeout", unfinished, unfinished == 1 ? " is" : "s are",
                    options.stopGrace().toSeconds());
        }
    }

    private void serve() {
        eventSources.addAll(eventSources());
        gateway = ApiGateway.start(apiRoutes(), options.apiPort());
        if (environment.containsKey(Setting.WEBHOOK_API_URL.variable())
                && environment.getOrDefault(Setting.PUBLIC_URL.variable(), "").isBlank()) {
            // Webhook payloads carry result URLs built without a request to derive them from; the template names the
            // API Gateway stage's URL, which here is this gateway's (known only now that it listens).
            System.setProperty(Setting.WEBHOOK_API_URL.variable(), gateway.url().toString());
        }
        eventSources.forEach(EventSource::start);
    }

    /** The template's {@code Api} events as API Gateway routes, each behind its authorizer. */
    public List<ApiRoute> apiRoutes() {
        TemplateApis apis = new TemplateApis(stack, functions);
        List<ApiRoute> routes = new ArrayList<>();
        events(EventDefinition.API, (function, event) -> routes.add(apis.route(function, event)));
        return routes;
    }

    /** The template's SQS, S3 and Schedule event sources, not yet started. */
    public List<EventSource> eventSources() {
        List<EventSource> sources = new ArrayList<>();
        events(EventDefinition.SQS, (function, event) -> {
            String queueArn = String.valueOf(event.properties().get("Queue"));
            sources.add(new SqsEventSource(function, event, clients.sqs(), queueArn, queueUrl(queueArn),
                    options.sqsConcurrency()));
        });
        events(EventDefinition.S3, (function, event) -> sources.add(new S3EventSource(function, event, bucketNotifications)));
        events(EventDefinition.SCHEDULE, (function, event) ->
                sources.add(new ScheduleEventSource(function, event, options.schedulePeriod())));
        return sources;
    }

    private void events(String type, BiConsumer<LocalFunction, EventDefinition> action) {
        for (LocalFunction function : functions.values()) {
            for (EventDefinition event : function.definition().events()) {
                if (event.type().equals(type)) {
                    action.accept(function, event);
                }
            }
        }
    }

    private String queueUrl(String queueArn) {
        return stack.template().resourcesOfType(Template.QUEUE).stream()
                .filter(q -> LocalStack.queueArn(stack.queueName(q)).equals(queueArn))
                .map(q -> stack.physicalName(q.logicalId()))
                .findFirst()
                .orElseThrow(() -> new TemplateException("no queue of the template has the ARN " + queueArn));
    }

    private void publishEnvironment() {
        Map<String, String> properties = new LinkedHashMap<>(environment);
        properties.put("aws.region", Intrinsics.REGION);
        properties.put("aws.accessKeyId", LocalClients.ACCESS_KEY_ID);
        properties.put("aws.secretAccessKey", LocalClients.SECRET_ACCESS_KEY);
        properties.forEach((key, value) -> {
            previousProperties.put(key, System.getProperty(key));
            System.setProperty(key, value);
        });
    }

    private static Map<String, String> environment(List<FunctionDefinition> functions, Endpoints endpoints,
            Path dataDir) {
        Map<String, String> environment = new LinkedHashMap<>(TemplateFunctions.sharedEnvironment(functions));
        environment.put(Setting.ENDPOINT_DYNAMODB.variable(), endpoints.dynamoDb().toString());
        environment.put(Setting.ENDPOINT_S3.variable(), endpoints.s3().toString());
        environment.put(Setting.ENDPOINT_SQS.variable(), endpoints.sqs().toString());
        environment.put("AWS_REGION", Intrinsics.REGION);
        environment.put("AWS_ACCESS_KEY_ID", LocalClients.ACCESS_KEY_ID);
        environment.put("AWS_SECRET_ACCESS_KEY", LocalClients.SECRET_ACCESS_KEY);
        // The request-forgery guard must let the worker reach the local servers, which are all on loopback.
        String declaredAllowlist = environment.getOrDefault(Setting.URL_ALLOWLIST.variable(), "");
        environment.put(Setting.URL_ALLOWLIST.variable(),
                declaredAllowlist.isBlank() ? LOCAL_HOSTS : LOCAL_HOSTS + "," + declaredAllowlist);
        environment.put(Setting.CALLBACK_SECRET.variable(), keptSecret(dataDir.resolve(SECRET_FILE), LocalCloud::randomHex));
        // In place of the SSM parameter a deployment reads.
        environment.put(Setting.WEBHOOK_KEY.variable(), keptSecret(dataDir.resolve(WEBHOOK_KEY_FILE), LocalCloud::ed25519Pem));
        // A provider's secret comes from the variable its own tools read (FAL_KEY), as a developer has it set.
        for (Secret secret : Secret.values()) {
            secret.providerVariable().map(System::getenv).filter(value -> !value.isBlank())
                    .ifPresent(value -> environment.put(secret.value().variable(), value));
        }
        // There is no SSM here: a secret not given above is not configured, rather than looked up and not found.
        for (Secret secret : Secret.values()) {
            if (!environment.containsKey(secret.value().variable())) {
                environment.put(secret.parameterName().variable(), "");
            }
        }
        return Collections.unmodifiableMap(environment);
    }

    private static String randomHex() {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return HexFormat.of().formatHex(secret);
    }

    /** A new Ed25519 private key as PKCS#8 PEM, what {@code openssl genpkey -algorithm ed25519} prints. */
    private static String ed25519Pem() {
        try {
            byte[] pkcs8 = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPrivate().getEncoded();
            return "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(pkcs8)
                    + "\n-----END PRIVATE KEY-----";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no Ed25519", e);
        }
    }

    /** Generated on first start, then kept in the data directory so signatures stay valid across restarts. */
    private static String keptSecret(Path file, Supplier<String> generator) {
        try {
            if (Files.isRegularFile(file)) {
                return Files.readString(file, StandardCharsets.UTF_8).trim();
            }
            String secret = generator.get();
            Files.writeString(file, secret + "\n", StandardCharsets.UTF_8);
            try {
                Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
            } catch (UnsupportedOperationException notPosix) {
                LOG.debug("cannot restrict permissions of {}", file);
            }
            return secret;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }

    private static Endpoints startServers(LocalCloudOptions options, Path dataDir, CrossOriginResourceSharing s3Cors,
            BucketNotifications bucketNotifications, List<AutoCloseable> started) {
        Path dynalite = DynamoServer.locateCli(List.of(options.template().toAbsolutePath().getParent(),
                        Path.of(System.getProperty("user.dir"))))
                .orElseThrow(() -> new IllegalStateException(
                        "dynalite is not installed; run: npm ci --prefix infra/local"));
        ExecutorService starters = Executors.newFixedThreadPool(3);
        try {
            Future<DynamoServer> dynamo = starters.submit(() ->
                    DynamoServer.start(dynalite, options.ephemeral() ? null : dataDir.resolve("dynamodb")));
            Future<S3Server> s3 = starters.submit(() -> S3Server.start(dataDir.resolve("s3"),
                    LocalClients.ACCESS_KEY_ID, LocalClients.SECRET_ACCESS_KEY, s3Cors, bucketNotifications));
            Future<SqsServer> sqs = starters.submit(() -> SqsServer.start(Intrinsics.REGION, Intrinsics.ACCOUNT_ID,
                    options.ephemeral() ? null : dataDir.resolve("sqs")));
            // Wait for all three even if one fails, so that every server that did start gets closed.
            List<Throwable> failures = new ArrayList<>();
            DynamoServer dynamoServer = await(dynamo, started, failures);
            S3Server s3Server = await(s3, started, failures);
            SqsServer sqsServer = await(sqs, started, failures);
            if (!failures.isEmpty()) {
                Throwable first = failures.get(0);
                throw first instanceof RuntimeException r ? r : new IllegalStateException(first.getMessage(), first);
            }
            return new Endpoints(dynamoServer.endpoint(), s3Server.endpoint(), sqsServer.endpoint());
        } finally {
            starters.shutdown();
        }
    }

    private static <T extends AutoCloseable> T await(Future<T> starting, List<AutoCloseable> started,
            List<Throwable> failures) {
        try {
            T server = starting.get();
            started.add(server);
            return server;
        } catch (ExecutionException e) {
            failures.add(e.getCause());
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the local servers", e);
        }
    }

    private static Path dataDirectory(LocalCloudOptions options) {
        try {
            if (options.ephemeral()) {
                return Files.createTempDirectory("sticker-local-");
            }
            return Files.createDirectories(options.dataDir().toAbsolutePath());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory", e);
        }
    }

    static Path findTemplate() {
        String configured = System.getProperty("sticker.template");
        if (configured != null) {
            return Path.of(configured);
        }
        for (Path dir = Path.of(System.getProperty("user.dir")).toAbsolutePath(); dir != null; dir = dir.getParent()) {
            Path candidate = dir.resolve("template.yaml");
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("no template.yaml in the working directory or above; set sticker.template");
    }

    private static void closeAll(List<AutoCloseable> resources) {
        List<AutoCloseable> reversed = new ArrayList<>(resources);
        Collections.reverse(reversed);
        for (AutoCloseable resource : reversed) {
            try {
                resource.close();
            } catch (Exception e) {
                LOG.warn("{} did not close cleanly: {}", resource.getClass().getSimpleName(), e.toString());
            }
        }
    }

    private static void deleteRecursively(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", root, e.toString());
        }
    }
}
