package dev.sticker.core.service;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.photo.ResultImages;
import dev.sticker.core.port.RequestStore;
import dev.sticker.core.remote.RemoteWorkerProtocol.Callback;
import dev.sticker.core.remote.HttpBackend;
import dev.sticker.core.remote.RemoteWorkerProtocol;
import dev.sticker.core.request.Failure;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.Locale;
import java.util.Optional;

/**
 * Receives a remote worker's result (POST /webhooks/http/{id}): verify the signature, read the body as the protocol
 * defines it, bring both PNGs in (inline, or downloaded through the request-forgery guard), then complete through the
 * same {@link Completion} as the builtin path. A body that cannot be used ends the request with an error, so it never
 * stays IN_PROGRESS.
 */
public final class CallbackService {

    private static final Logger LOG = LoggerFactory.getLogger(CallbackService.class);
    private static final ObjectMapper JSON = Json.MAPPER;

    private final RequestStore store;
    private final Completion completion;
    private final ResultImages images;
    private final RemoteWorkerProtocol protocol;
    private final Clock clock;

    public CallbackService(RequestStore store, Completion completion, ResultImages images,
                           RemoteWorkerProtocol protocol, Clock clock) {
        this.store = store;
        this.completion = completion;
        this.images = images;
        this.protocol = protocol;
        this.clock = clock;
    }

    public ApiReply handle(String requestId, String rawBody, String signatureHeader) {
        String body = rawBody == null ? "" : rawBody;
        RemoteWorkerProtocol.Check check = protocol.verify(signatureHeader, body, clock.instant());
        if (check != RemoteWorkerProtocol.Check.VALID) {
            LOG.warn("callback refused requestId={} signature={}", requestId, check);
            return FalWire.error(401, "invalid signature (" + check.name().toLowerCase(Locale.ROOT) + ")");
        }
        Optional<StickerRequest> found = store.find(requestId);
        if (found.isEmpty()) {
            return FalWire.notFound();
        }
        if (found.get().status() == Status.COMPLETED) {
            return statusReply(requestId, "ALREADY_COMPLETED");
        }
        Callback callback = RemoteWorkerProtocol.callback(body);
        if (callback instanceof Callback.Unreadable unreadable) {
            return unusable(requestId, unreadable.problem());
        }
        if (callback instanceof Callback.Error error) {
            completion.fail(requestId, error.failure());
            return statusReply(requestId, "COMPLETED");
        }
        Callback.Result result = (Callback.Result) callback;
        ResultImages.Loaded loaded = images.load(result.sticker(), result.backgroundRemoved(), result.seed(),
                result.stickerNsfw(), result.backgroundRemovedNsfw());
        if (loaded.problem() != null) {
            return unusable(requestId, loaded.problem());
        }
        boolean completed = completion.complete(requestId, loaded.sticker(), HttpBackend.NAME);
        return statusReply(requestId, completed ? "COMPLETED" : "ALREADY_COMPLETED");
    }

    private ApiReply unusable(String requestId, String problem) {
        LOG.warn("unusable callback requestId={} problem={}", requestId, problem);
        completion.fail(requestId, Failure.internal("remote worker returned an unusable result"));
        return FalWire.error(400, problem);
    }

    private static ApiReply statusReply(String requestId, String status) {
        return ApiReply.json(200, JSON.createObjectNode().put("status", status).toString(), requestId);
    }
}
