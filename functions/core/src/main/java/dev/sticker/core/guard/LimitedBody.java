package dev.sticker.core.guard;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Flow;

/**
 * Collects a response body until a limit, then cancels the stream instead of reading on, so a server elsewhere
 * cannot make us buffer more than we asked for.
 */
public final class LimitedBody implements HttpResponse.BodySubscriber<LimitedBody.Body> {

    /** A body, or the mark that it went past the limit (then reading stopped and {@code bytes} is empty). */
    public record Body(byte[] bytes, boolean tooLarge) {

        public static Body empty() {
            return new Body(new byte[0], false);
        }

        public static Body overLimit() {
            return new Body(new byte[0], true);
        }
    }

    private final long limit;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final CompletableFuture<Body> result = new CompletableFuture<>();
    private Flow.Subscription subscription;

    public LimitedBody(long limit) {
        this.limit = limit;
    }

    /** A subscriber that does not read at all when the declared length is already past the limit. */
    public static HttpResponse.BodySubscriber<Body> of(long limit, long declaredLength) {
        return declaredLength > limit ? HttpResponse.BodySubscribers.replacing(Body.overLimit())
                : new LimitedBody(limit);
    }

    @Override
    public CompletionStage<Body> getBody() {
        return result;
    }

    @Override
    public void onSubscribe(Flow.Subscription subscription) {
        this.subscription = subscription;
        subscription.request(1);
    }

    @Override
    public void onNext(List<ByteBuffer> buffers) {
        if (result.isDone()) {
            return;
        }
        for (ByteBuffer buffer : buffers) {
            if (out.size() + (long) buffer.remaining() > limit) {
                subscription.cancel();
                result.complete(Body.overLimit());
                return;
            }
            byte[] chunk = new byte[buffer.remaining()];
            buffer.get(chunk);
            out.write(chunk, 0, chunk.length);
        }
        subscription.request(1);
    }

    @Override
    public void onError(Throwable error) {
        result.completeExceptionally(error);
    }

    @Override
    public void onComplete() {
        result.complete(new Body(out.toByteArray(), false));
    }
}
