package dev.sticker.core.aws;

import dev.sticker.core.webhook.SigningKey;
import dev.sticker.core.webhook.WebhookSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Optional;

/**
 * The webhook signing key as deployed: given directly (STICKER_WEBHOOK_KEY, the local cloud does so), else read once,
 * at init, from the SSM SecureString named by STICKER_WEBHOOK_KEY_PARAMETER; rotating it means publishing a new
 * version of the functions.
 */
public final class WebhookKeyParameter {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookKeyParameter.class);

    private WebhookKeyParameter() {
    }

    /** Empty when neither is configured or the parameter does not exist. */
    public static Optional<SigningKey> resolve(WebhookSettings settings, ParameterStore parameters) {
        if (settings.signingKeyPem().isPresent()) {
            return settings.signingKeyPem().map(SigningKey::fromPem);
        }
        if (settings.keyParameter().isEmpty()) {
            return Optional.empty();
        }
        String name = settings.keyParameter().get();
        Optional<String> pem = parameters.secureString(name);
        if (pem.isEmpty()) {
            LOG.warn("webhook signing key parameter {} does not exist; webhooks cannot be signed", name);
        }
        return pem.map(SigningKey::fromPem);
    }
}
