package dev.sticker.core.backend;

import dev.sticker.core.guard.GuardedHttp;
import dev.sticker.core.guard.RequestForgeryGuard;
import dev.sticker.core.port.RemoteBackend;
import dev.sticker.core.config.Secrets;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.settings.Secret;
import dev.sticker.settings.Setting;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Builds the configured backends that run jobs elsewhere, each with what it needs to reach its provider. */
public final class RemoteBackends {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(30);
    /** ComfyUI answers with the images themselves. */
    private static final long MAX_ANSWER_BYTES = 64L * 1024 * 1024;

    private RemoteBackends() {
    }

    /**
     * The remote backends of {@code settings.order()}, in that order. A provider that calls back needs the public base
     * URL (the worker and the callbacks run without a request to derive it from) and its secrets; a missing one
     * fails the function's start, which names it.
     */
    public static List<RemoteBackend> create(BackendSettings settings, Secrets secrets, RequestForgeryGuard guard,
                                             Optional<String> publicUrl, Clock clock) {
        GuardedHttp http = new GuardedHttp(guard, CONNECT_TIMEOUT, CALL_TIMEOUT, MAX_ANSWER_BYTES);
        List<RemoteBackend> backends = new ArrayList<>();
        for (String name : settings.order()) {
            switch (name) {
                case FalBackend.NAME -> backends.add(new FalBackend(settings.falQueueUrl(), settings.falJwksUrl(),
                        required(secrets, Secret.FAL_KEY, name), callbacks(publicUrl, name), http, clock));
                case ReplicateBackend.NAME -> backends.add(new ReplicateBackend(settings.replicateApiUrl(),
                        settings.replicateModelVersion(), required(secrets, Secret.REPLICATE_API_TOKEN, name),
                        required(secrets, Secret.REPLICATE_WEBHOOK_SECRET, name), callbacks(publicUrl, name), http));
                case ComfyUiBackend.NAME -> backends.add(new ComfyUiBackend(settings.comfyUiUrl(),
                        settings.comfyUiHeader(), settings.comfyUiModels(), http));
                case HttpBackend.NAME -> backends.add(new HttpBackend(URI.create(settings.remoteWorkerUrl()),
                        callbacks(publicUrl, name),
                        new RemoteWorkerProtocol(required(secrets, Secret.CALLBACK_SECRET, name)),
                        HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build(), clock));
                default -> {
                    // The builtin engine runs in the worker, which adds it.
                }
            }
        }
        return backends;
    }

    private static ApiUrls callbacks(Optional<String> publicUrl, String backend) {
        return new ApiUrls(publicUrl.orElseThrow(() -> new IllegalStateException("the " + backend + " backend needs "
                + Setting.PUBLIC_URL.variable() + " (template parameter PublicBaseUrl) for its callback URLs")));
    }

    private static String required(Secrets secrets, Secret secret, String backend) {
        return secrets.read(secret).orElseThrow(() -> new IllegalStateException("the " + backend + " backend needs "
                + secret.value().variable() + " or the SSM parameter named by " + secret.parameterName().variable()));
    }
}
