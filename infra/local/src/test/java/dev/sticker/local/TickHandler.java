package dev.sticker.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;

/** Test scheduled handler: remembers every event it is given, with when; throws once when told to. */
public final class TickHandler implements RequestHandler<ScheduledEvent, Void> {

    record Tick(ScheduledEvent event, long receivedMillis, boolean failed) {
    }

    static final List<Tick> RECEIVED = new CopyOnWriteArrayList<>();
    static final AtomicBoolean FAIL_NEXT = new AtomicBoolean();

    @Override
    public Void handleRequest(ScheduledEvent event, Context context) {
        boolean fail = FAIL_NEXT.getAndSet(false);
        RECEIVED.add(new Tick(event, System.currentTimeMillis(), fail));
        if (fail) {
            throw new IllegalStateException("failing this scheduled invocation, as told");
        }
        return null;
    }
}
