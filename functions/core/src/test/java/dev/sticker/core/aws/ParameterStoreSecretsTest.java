package dev.sticker.core.aws;

import dev.sticker.settings.Config;
import dev.sticker.settings.Secret;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;

import java.net.URI;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ParameterStoreSecretsTest {

    /** Nothing listens on port 9 (discard) on loopback: any call through this reader fails. */
    private static final ParameterStore UNREACHABLE_SSM = new ParameterStore(UrlConnectionHttpClient.create(),
            Optional.of(URI.create("http://127.0.0.1:9")), () -> Region.US_EAST_1,
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "secret")));

    @Test
    void secretGivenDirectlyWinsAndParameterStoreIsNotAsked() {
        Config config = Config.of(Map.of("STICKER_CALLBACK_SECRET", "direct",
                "STICKER_CALLBACK_SECRET_PARAMETER", "/face-to-sticker/callback-secret")::get);

        assertEquals(Optional.of("direct"),
                new ParameterStoreSecrets(config, UNREACHABLE_SSM).read(Secret.CALLBACK_SECRET));
    }

    @Test
    void withoutAParameterNameThereIsNoSecret() {
        Config config = Config.of(Map.<String, String>of()::get);

        assertEquals(Optional.empty(), new ParameterStoreSecrets(config, UNREACHABLE_SSM).read(Secret.WEBHOOK_KEY));
    }

    @Test
    void unreachableParameterStoreFailsInitInsteadOfDisablingTheSecret() {
        Config config = Config.of(Map.of("STICKER_WEBHOOK_KEY_PARAMETER", "/face-to-sticker/webhook-signing-key")::get);

        assertThrows(RuntimeException.class,
                () -> new ParameterStoreSecrets(config, UNREACHABLE_SSM).read(Secret.WEBHOOK_KEY));
    }
}
