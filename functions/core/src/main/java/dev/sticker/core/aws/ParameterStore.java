package dev.sticker.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.wire.Json;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.ContentStreamProvider;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpMethod;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.auth.aws.signer.AwsV4HttpSigner;
import software.amazon.awssdk.http.auth.spi.signer.SignedRequest;
import software.amazon.awssdk.identity.spi.AwsCredentialsIdentity;
import software.amazon.awssdk.identity.spi.IdentityProvider;
import software.amazon.awssdk.regions.providers.AwsRegionProvider;
import software.amazon.awssdk.regions.providers.DefaultAwsRegionProviderChain;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Optional;

/**
 * Reads SecureString parameters from SSM Parameter Store with one SigV4-signed GetParameter call (AWS JSON 1.1
 * protocol). It replaces the SDK's SSM client, the largest part of the function jars, for the two values read at init.
 * Region and credentials are resolved per call, so a function that reads no parameter never needs them.
 */
public final class ParameterStore {

    private static final ObjectMapper JSON = Json.MAPPER;
    private static final String SIGNING_NAME = "ssm";
    private static final String PARAMETER_NOT_FOUND = "ParameterNotFound";

    private final SdkHttpClient http;
    private final Optional<URI> endpoint;
    private final AwsRegionProvider regions;
    private final IdentityProvider<? extends AwsCredentialsIdentity> credentials;
    private final AwsV4HttpSigner signer = AwsV4HttpSigner.create();

    /**
     * @param endpoint    overrides {@code https://ssm.<region>.amazonaws.com/}, e.g. for a local server
     * @param regions     the region to sign for (and to address, without an override)
     * @param credentials the identity that signs
     */
    public ParameterStore(SdkHttpClient http, Optional<URI> endpoint, AwsRegionProvider regions,
                          IdentityProvider<? extends AwsCredentialsIdentity> credentials) {
        this.http = http;
        this.endpoint = endpoint;
        this.regions = regions;
        this.credentials = credentials;
    }

    /** Region and credentials from the SDK's default chains. */
    public static ParameterStore create(SdkHttpClient http, Optional<URI> endpoint) {
        return new ParameterStore(http, endpoint, DefaultAwsRegionProviderChain.builder().build(),
                DefaultCredentialsProvider.builder().build());
    }

    /**
     * The decrypted value of the named parameter, empty when it does not exist.
     *
     * @throws ParameterStoreException when SSM answers with any other error
     * @throws UncheckedIOException    when SSM cannot be reached
     */
    public Optional<String> secureString(String name) {
        String region = regions.getRegion().id();
        URI uri = endpoint.orElseGet(() -> URI.create("https://ssm." + region + ".amazonaws.com/"));
        byte[] body = requestBody(name);
        SdkHttpRequest request = SdkHttpRequest.builder()
                .method(SdkHttpMethod.POST)
                .uri(uri)
                .putHeader("Content-Type", "application/x-amz-json-1.1")
                .putHeader("X-Amz-Target", "AmazonSSM.GetParameter")
                .putHeader("Content-Length", Integer.toString(body.length))
                .build();
        AwsCredentialsIdentity identity = credentials.resolveIdentity().join();
        SignedRequest signed = signer.sign(sign -> sign
                .identity(identity)
                .request(request)
                .payload(ContentStreamProvider.fromByteArray(body))
                .putProperty(AwsV4HttpSigner.SERVICE_SIGNING_NAME, SIGNING_NAME)
                .putProperty(AwsV4HttpSigner.REGION_NAME, region));
        try {
            HttpExecuteResponse response = http.prepareRequest(HttpExecuteRequest.builder()
                    .request(signed.request())
                    .contentStreamProvider(signed.payload().orElse(null))
                    .build()).call();
            JsonNode answer = readBody(response);
            if (response.httpResponse().isSuccessful()) {
                return Optional.ofNullable(answer.path("Parameter").path("Value").textValue());
            }
            String type = errorType(answer);
            if (PARAMETER_NOT_FOUND.equals(type)) {
                return Optional.empty();
            }
            String message = answer.has("message") ? answer.path("message").asText() : answer.path("Message").asText();
            throw new ParameterStoreException(name, response.httpResponse().statusCode(), type, message);
        } catch (IOException failed) {
            throw new UncheckedIOException("SSM GetParameter " + name + " failed: " + failed.getMessage(), failed);
        }
    }

    private static byte[] requestBody(String name) {
        try {
            return JSON.writeValueAsBytes(Map.of("Name", name, "WithDecryption", true));
        } catch (IOException impossible) {
            throw new UncheckedIOException(impossible);
        }
    }

    private static JsonNode readBody(HttpExecuteResponse response) throws IOException {
        if (response.responseBody().isEmpty()) {
            return JSON.missingNode();
        }
        try (InputStream in = response.responseBody().get()) {
            byte[] bytes = in.readAllBytes();
            return bytes.length == 0 ? JSON.missingNode() : JSON.readTree(bytes);
        }
    }

    /** The error code, without the namespace some endpoints put before it ({@code com.amazonaws.ssm#...}). */
    private static String errorType(JsonNode answer) {
        String type = answer.path("__type").asText("");
        return type.substring(type.lastIndexOf('#') + 1);
    }

    /** SSM refused a GetParameter call; carries the error, never a parameter value. */
    public static final class ParameterStoreException extends RuntimeException {

        private final String errorType;

        ParameterStoreException(String name, int status, String errorType, String message) {
            super("SSM GetParameter " + name + " failed: HTTP " + status + " " + errorType + ": " + message);
            this.errorType = errorType;
        }

        public String errorType() {
            return errorType;
        }
    }
}
