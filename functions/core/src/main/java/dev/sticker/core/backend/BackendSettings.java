package dev.sticker.core.backend;

import dev.sticker.core.remote.HttpBackend;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;

import java.time.Duration;
import java.util.List;

/**
 * Where stickers are generated ({@link Setting} says what each means): the backends in the order a request tries
 * them, what each needs to reach its provider, and when a failing one is skipped.
 */
public record BackendSettings(List<String> order, String remoteWorkerUrl, String falQueueUrl, String falJwksUrl,
                              String replicateApiUrl, String replicateModelVersion, String comfyUiUrl,
                              String comfyUiHeader, ComfyUiModels comfyUiModels, int circuitFailures,
                              Duration circuitCoolDown) {

    /** The names {@code STICKER_BACKENDS} may list. */
    public static final List<String> NAMES = List.of(Backends.BUILTIN, FalBackend.NAME, ReplicateBackend.NAME,
            ComfyUiBackend.NAME, HttpBackend.NAME);

    public BackendSettings {
        order = List.copyOf(order);
    }

    public static BackendSettings from(Config config) {
        return new BackendSettings(config.listOf(Setting.BACKENDS, NAMES), config.text(Setting.REMOTE_WORKER_URL), config.text(Setting.FAL_QUEUE_URL),
                config.text(Setting.FAL_JWKS_URL), config.text(Setting.REPLICATE_API_URL),
                config.text(Setting.REPLICATE_MODEL_VERSION), config.text(Setting.COMFYUI_URL),
                config.text(Setting.COMFYUI_HEADER), new ComfyUiModels(config.text(Setting.COMFYUI_CHECKPOINT),
                        config.text(Setting.COMFYUI_LORA), config.text(Setting.COMFYUI_INSTANTID_MODEL),
                        config.text(Setting.COMFYUI_INSTANTID_CONTROLNET), config.text(Setting.COMFYUI_IPADAPTER_MODEL),
                        config.text(Setting.COMFYUI_CLIP_VISION)),
                (int) config.wholeNumber(Setting.CIRCUIT_FAILURES, 1, 1000),
                Duration.ofSeconds(config.wholeNumber(Setting.CIRCUIT_COOLDOWN_SECONDS, 1, 86_400)));
    }
}
