package dev.sticker.local.events;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Hands every object the local S3 server stores to the event sources subscribed at that moment. */
public final class BucketNotifications implements Consumer<ObjectCreated> {

    private final List<Consumer<ObjectCreated>> subscribers = new CopyOnWriteArrayList<>();

    @Override
    public void accept(ObjectCreated created) {
        subscribers.forEach(subscriber -> subscriber.accept(created));
    }

    void subscribe(Consumer<ObjectCreated> subscriber) {
        subscribers.add(subscriber);
    }

    void unsubscribe(Consumer<ObjectCreated> subscriber) {
        subscribers.remove(subscriber);
    }
}
