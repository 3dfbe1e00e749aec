package dev.sticker.core.aws;

import dev.sticker.core.config.Settings;

import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;
import software.amazon.awssdk.services.sqs.SqsClient;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * The SDK clients a function needs, built once at init, and the Parameter Store reader that replaces the SDK's SSM
 * client. One HTTP client (url-connection, the lightest on cold start) serves all of them. Region and credentials come
 * from the SDK's default chains; an endpoint override per service ({@code STICKER_ENDPOINT_DYNAMODB}, {@code _S3},
 * {@code _SQS}, {@code _SSM}) points them at local servers, and then S3 is addressed path-style because local servers
 * have no per-bucket host names.
 */
public record AwsClients(SdkHttpClient http, DynamoDbClient dynamo, S3Client s3, S3Presigner presigner, SqsClient sqs,
                         ParameterStore parameters) implements AutoCloseable {

    public static final String DYNAMODB_ENDPOINT = "STICKER_ENDPOINT_DYNAMODB";
    public static final String S3_ENDPOINT = "STICKER_ENDPOINT_S3";
    public static final String SQS_ENDPOINT = "STICKER_ENDPOINT_SQS";
    public static final String SSM_ENDPOINT = "STICKER_ENDPOINT_SSM";

    /** Reads the overrides as every setting is read (see {@link Settings#lookup}). */
    public static AwsClients fromEnvironment() {
        return create(Settings::lookup);
    }

    public static AwsClients create(Function<String, String> settings) {
        SdkHttpClient http = UrlConnectionHttpClient.builder()
                .connectionTimeout(Duration.ofSeconds(5))
                .socketTimeout(Duration.ofSeconds(30))
                .build();
        Optional<URI> dynamoEndpoint = endpoint(settings, DYNAMODB_ENDPOINT);
        Optional<URI> s3Endpoint = endpoint(settings, S3_ENDPOINT);
        Optional<URI> sqsEndpoint = endpoint(settings, SQS_ENDPOINT);
        Optional<URI> ssmEndpoint = endpoint(settings, SSM_ENDPOINT);

        var dynamo = DynamoDbClient.builder().httpClient(http);
        dynamoEndpoint.ifPresent(dynamo::endpointOverride);

        S3Configuration s3Config = S3Configuration.builder().pathStyleAccessEnabled(s3Endpoint.isPresent()).build();
        var s3 = S3Client.builder().httpClient(http).serviceConfiguration(s3Config);
        var presigner = S3Presigner.builder().serviceConfiguration(s3Config);
        s3Endpoint.ifPresent(uri -> {
            s3.endpointOverride(uri);
            presigner.endpointOverride(uri);
        });

        var sqs = SqsClient.builder().httpClient(http);
        sqsEndpoint.ifPresent(sqs::endpointOverride);

        return new AwsClients(http, dynamo.build(), s3.build(), presigner.build(), sqs.build(),
                ParameterStore.create(http, ssmEndpoint));
    }

    private static Optional<URI> endpoint(Function<String, String> settings, String name) {
        return Optional.ofNullable(settings.apply(name)).filter(value -> !value.isBlank()).map(URI::create);
    }

    @Override
    public void close() {
        dynamo.close();
        s3.close();
        presigner.close();
        sqs.close();
        http.close();
    }
}
