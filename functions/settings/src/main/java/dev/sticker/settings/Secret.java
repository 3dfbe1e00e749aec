package dev.sticker.settings;

/**
 * A secret a function reads at init: given directly by one setting (the local cloud does so), else read from the SSM
 * SecureString that another setting names (on AWS; the template sets the name from a parameter). Never logged.
 */
public enum Secret {

    /** Signs remote-worker jobs and verifies their callbacks. */
    CALLBACK_SECRET(Setting.CALLBACK_SECRET, Setting.CALLBACK_SECRET_PARAMETER),
    /** The Ed25519 private key (PKCS#8 PEM) that signs webhooks to callers. */
    WEBHOOK_KEY(Setting.WEBHOOK_KEY, Setting.WEBHOOK_KEY_PARAMETER),
    /** The operator's first ADMIN key, {@code key_id:key_secret}, from which the others are made. */
    ADMIN_KEY(Setting.ADMIN_KEY, Setting.ADMIN_KEY_PARAMETER),
    /** The fal API key the {@code fal} backend submits with. */
    FAL_KEY(Setting.FAL_KEY, Setting.FAL_KEY_PARAMETER),
    /** The Replicate API token the {@code replicate} backend creates predictions with. */
    REPLICATE_API_TOKEN(Setting.REPLICATE_API_TOKEN, Setting.REPLICATE_API_TOKEN_PARAMETER),
    /** Replicate's webhook signing secret ({@code whsec_...}), which verifies its callbacks. */
    REPLICATE_WEBHOOK_SECRET(Setting.REPLICATE_WEBHOOK_SECRET, Setting.REPLICATE_WEBHOOK_SECRET_PARAMETER);

    private final Setting value;
    private final Setting parameterName;

    Secret(Setting value, Setting parameterName) {
        this.value = value;
        this.parameterName = parameterName;
    }

    /** The setting that holds the secret itself. */
    public Setting value() {
        return value;
    }

    /** The setting that names its SSM parameter. */
    public Setting parameterName() {
        return parameterName;
    }
}
