package dev.sticker.core.aws;

import dev.sticker.core.config.Secrets;
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
        Secrets configured = () -> Optional.of("direct");

        Secrets resolved = ParameterStoreSecrets.resolve(configured,
                Map.of(ParameterStoreSecrets.SECRET_PARAMETER, "/face-to-sticker/callback-secret")::get,
                UNREACHABLE_SSM);

        assertEquals(Optional.of("direct"), resolved.callbackSecret());
    }

    @Test
    void withoutAParameterNameThereIsNoSecret() {
        Secrets resolved = ParameterStoreSecrets.resolve(Optional::empty, Map.<String, String>of()::get,
                UNREACHABLE_SSM);

        assertEquals(Optional.empty(), resolved.callbackSecret());
    }

    @Test
    void unreachableParameterStoreFailsInitInsteadOfDisablingCallbacks() {
        assertThrows(RuntimeException.class, () -> ParameterStoreSecrets.resolve(Optional::empty,
                Map.of(ParameterStoreSecrets.SECRET_PARAMETER, "/face-to-sticker/callback-secret")::get,
                UNREACHABLE_SSM));
    }
}
