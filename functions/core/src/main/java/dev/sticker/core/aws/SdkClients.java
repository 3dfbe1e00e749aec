package dev.sticker.core.aws;

import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The SDK clients of one function, each built on first use: a function builds only the clients its calls need, and its
 * SnapStart priming asks for every client its routes may use, so a snapshot holds them ready. One HTTP client
 * (url-connection, the lightest on cold start) serves all. Region and credentials come from the SDK's default
 * chains; an endpoint override per service ({@link Setting#ENDPOINT_DYNAMODB} and the others) points a client at a
 * local server, and then S3 is addressed path-style because local servers have no per-bucket host names.
 */
public final class SdkClients implements AutoCloseable {

    private final Config config;
    private final Lazy<SdkHttpClient> http;
    private final Lazy<DynamoDbClient> dynamo;
    private final Lazy<S3Client> s3;
    private final Lazy<S3Presigner> presigner;
    private final Lazy<SqsClient> sqs;
    private final Lazy<ParameterStore> parameters;

    public SdkClients(Config config) {
        this.config = config;
        this.http = new Lazy<>(() -> UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build());
        this.dynamo = new Lazy<>(() -> {
            var builder = DynamoDbClient.builder().httpClient(http.get());
            endpoint(Setting.ENDPOINT_DYNAMODB).ifPresent(builder::endpointOverride);
            return builder.build();
        });
        this.s3 = new Lazy<>(() -> {
            var builder = S3Client.builder().httpClient(http.get()).serviceConfiguration(s3Configuration());
            endpoint(Setting.ENDPOINT_S3).ifPresent(builder::endpointOverride);
            return builder.build();
        });
        this.presigner = new Lazy<>(() -> {
            var builder = S3Presigner.builder().serviceConfiguration(s3Configuration());
            endpoint(Setting.ENDPOINT_S3).ifPresent(builder::endpointOverride);
            return builder.build();
        });
        this.sqs = new Lazy<>(() -> {
            var builder = SqsClient.builder().httpClient(http.get());
            endpoint(Setting.ENDPOINT_SQS).ifPresent(builder::endpointOverride);
            return builder.build();
        });
        this.parameters = new Lazy<>(() -> ParameterStore.create(http.get(), endpoint(Setting.ENDPOINT_SSM)));
    }

    public DynamoDbClient dynamo() {
        return dynamo.get();
    }

    public S3Client s3() {
        return s3.get();
    }

    public S3Presigner presigner() {
        return presigner.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    public ParameterStore parameters() {
        return parameters.get();
    }

    /** Builds every client now (before a SnapStart snapshot, so that no call after a restore waits for one). */
    public void buildAll() {
        dynamo();
        s3();
        presigner();
        sqs();
    }

    /** Closes the clients that were built, the shared HTTP client last. */
    @Override
    public void close() {
        List<AutoCloseable> built = new ArrayList<>();
        dynamo.ifBuilt(built::add);
        s3.ifBuilt(built::add);
        presigner.ifBuilt(built::add);
        sqs.ifBuilt(built::add);
        http.ifBuilt(built::add);
        for (AutoCloseable client : built) {
            try {
                client.close();
            } catch (Exception e) {
                throw new IllegalStateException("closing " + client.getClass().getSimpleName() + " failed", e);
            }
        }
    }

    private S3Configuration s3Configuration() {
        return S3Configuration.builder().pathStyleAccessEnabled(endpoint(Setting.ENDPOINT_S3).isPresent()).build();
    }

    private Optional<URI> endpoint(Setting setting) {
        return config.optional(setting).map(URI::create);
    }

    /** A value built once, on first use, by whichever thread asks first. */
    private static final class Lazy<T> implements Supplier<T> {
        private final Supplier<T> builder;
        private volatile T value;

        Lazy(Supplier<T> builder) {
            this.builder = builder;
        }

        @Override
        public T get() {
            T current = value;
            if (current == null) {
                synchronized (this) {
                    current = value;
                    if (current == null) {
                        current = builder.get();
                        value = current;
                    }
                }
            }
            return current;
        }

        void ifBuilt(Consumer<? super T> action) {
            T current = value;
            if (current != null) {
                action.accept(current);
            }
        }
    }
}
