package dev.sticker.settings;

import java.util.Optional;

/**
 * A secret a function reads at init: given directly by one setting (the local cloud does so), else read from the SSM
 * SecureString that another setting names (on AWS; the template sets the name from a parameter). Never logged.
 */
public enum Secret {

    /** Signs remote-worker jobs and verifies their callbacks. */
    CALLBACK_SECRET(Setting.CALLBACK_SECRET, Setting.CALLBACK_SECRET_PARAMETER, null),
    /** The Ed25519 private key (PKCS#8 PEM) that signs webhooks to callers. */
    WEBHOOK_KEY(Setting.WEBHOOK_KEY, Setting.WEBHOOK_KEY_PARAMETER, null),
    /** The operator's first ADMIN key, {@code key_id:key_secret}, from which the others are made. */
    ADMIN_KEY(Setting.ADMIN_KEY, Setting.ADMIN_KEY_PARAMETER, null),
    /** The fal API key the {@code fal} backend submits with. */
    FAL_KEY(Setting.FAL_KEY, Setting.FAL_KEY_PARAMETER, "FAL_KEY"),
    /** The Replicate API token the {@code replicate} backend creates predictions with. */
    REPLICATE_API_TOKEN(Setting.REPLICATE_API_TOKEN, Setting.REPLICATE_API_TOKEN_PARAMETER, "REPLICATE_API_TOKEN"),
    /** Replicate's webhook signing secret ({@code whsec_...}), which verifies its callbacks. */
    REPLICATE_WEBHOOK_SECRET(Setting.REPLICATE_WEBHOOK_SECRET, Setting.REPLICATE_WEBHOOK_SECRET_PARAMETER,
            "REPLICATE_WEBHOOK_SECRET");

    private final Setting value;
    private final Setting parameterName;
    private final String providerVariable;

    Secret(Setting value, Setting parameterName, String providerVariable) {
        this.value = value;
        this.parameterName = parameterName;
        this.providerVariable = providerVariable;
    }

    /** The setting that holds the secret itself. */
    public Setting value() {
        return value;
    }

    /** The setting that names its SSM parameter. */
    public Setting parameterName() {
        return parameterName;
    }

    /**
     * The environment variable the provider's own tools read it from ({@code FAL_KEY}), which the local cloud takes
     * it from; empty for our own secrets.
     */
    public Optional<String> providerVariable() {
        return Optional.ofNullable(providerVariable);
    }
}
