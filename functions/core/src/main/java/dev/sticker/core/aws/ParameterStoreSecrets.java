package dev.sticker.core.aws;

import dev.sticker.core.config.Secrets;
import dev.sticker.settings.Config;
import dev.sticker.settings.Secret;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * Secrets as deployed: given directly by their setting (the local cloud does so), else read from the SSM SecureString
 * their parameter-name setting names. Functions read them at init, so a SnapStart snapshot holds them and no
 * invocation waits for SSM; rotating one means publishing new versions.
 */
public final class ParameterStoreSecrets implements Secrets {

    private static final Logger LOG = LoggerFactory.getLogger(ParameterStoreSecrets.class);

    private final Config config;
    private final ParameterStore parameters;

    public ParameterStoreSecrets(Config config, ParameterStore parameters) {
        this.config = config;
        this.parameters = parameters;
    }

    @Override
    public Optional<String> read(Secret secret) {
        Optional<String> given = config.optional(secret.value());
        if (given.isPresent()) {
            return given;
        }
        Optional<String> name = config.optional(secret.parameterName());
        if (name.isEmpty()) {
            return Optional.empty();
        }
        Optional<String> value = parameters.secureString(name.get()).filter(v -> !v.isBlank());
        if (value.isEmpty()) {
            LOG.info("secret {} not configured: parameter {} does not exist", secret, name.get());
        }
        return value;
    }
}
