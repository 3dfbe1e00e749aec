package dev.sticker.core.aws;

import dev.sticker.core.config.Secrets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The callback secret as deployed: given directly (STICKER_CALLBACK_SECRET, the local cloud does so), else read once
 * from the SSM SecureString named by STICKER_CALLBACK_SECRET_PARAMETER. Read at init, so a SnapStart snapshot holds it
 * and no invocation waits for SSM; rotating it means publishing a new version.
 */
public final class ParameterStoreSecrets {

    public static final String SECRET_PARAMETER = "STICKER_CALLBACK_SECRET_PARAMETER";

    private static final Logger LOG = LoggerFactory.getLogger(ParameterStoreSecrets.class);

    private ParameterStoreSecrets() {
    }

    /**
     * @param configured the secrets from the configuration itself
     * @param settings   where STICKER_CALLBACK_SECRET_PARAMETER is looked up (null = not set)
     */
    public static Secrets resolve(Secrets configured, UnaryOperator<String> settings, ParameterStore parameters) {
        if (configured.callbackSecret().isPresent()) {
            return configured;
        }
        String name = settings.apply(SECRET_PARAMETER);
        if (name == null || name.isBlank()) {
            return configured;
        }
        Optional<String> secret = read(parameters, name);
        return () -> secret;
    }

    /** Reads settings as functions see them: system properties first, then the environment. */
    public static Secrets resolve(Secrets configured, ParameterStore parameters) {
        return resolve(configured,
                key -> Optional.ofNullable(System.getProperty(key)).orElseGet(() -> System.getenv(key)), parameters);
    }

    private static Optional<String> read(ParameterStore parameters, String name) {
        Optional<String> value = parameters.secureString(name);
        if (value.isEmpty()) {
            // Normal for the builtin backend: no remote worker, so nothing signs callbacks.
            LOG.info("callback secret parameter {} does not exist; remote-worker callbacks are disabled", name);
        }
        return value.filter(v -> !v.isBlank());
    }
}
