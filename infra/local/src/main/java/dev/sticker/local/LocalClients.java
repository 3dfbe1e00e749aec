package dev.sticker.local;

import java.net.URI;

import dev.sticker.local.template.Intrinsics;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.sqs.SqsClient;

/** SDK clients for the local servers, signed with the local cloud's dummy credentials. */
public final class LocalClients implements AutoCloseable {

    /** Dummy credentials: the local servers check signatures against these, so every client must use them. */
    public static final String ACCESS_KEY_ID = "sticker-local";
    public static final String SECRET_ACCESS_KEY = "sticker-local-secret";

    private final DynamoDbClient dynamoDb;
    private final S3Client s3;
    private final SqsClient sqs;

    public LocalClients(Endpoints endpoints) {
        this.dynamoDb = DynamoDbClient.builder().endpointOverride(endpoints.dynamoDb()).region(region())
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
        this.s3 = S3Client.builder().endpointOverride(endpoints.s3()).region(region())
                .forcePathStyle(true).credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create()).build();
        this.sqs = sqsClient(endpoints.sqs());
    }

    static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder().endpointOverride(endpoint).region(region())
                .credentialsProvider(credentials()).httpClient(UrlConnectionHttpClient.create()).build();
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb;
    }

    public S3Client s3() {
        return s3;
    }

    public SqsClient sqs() {
        return sqs;
    }

    @Override
    public void close() {
        dynamoDb.close();
        s3.close();
        sqs.close();
    }

    private static Region region() {
        return Region.of(Intrinsics.REGION);
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY_ID, SECRET_ACCESS_KEY));
    }
}
