package dev.sticker.local;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;

/** Test S3 handler: remembers every record it is given; throws on the first delivery of a key containing "fail". */
public final class RecordingS3Handler implements RequestHandler<S3Event, Void> {

    static final List<S3EventNotificationRecord> RECEIVED = new CopyOnWriteArrayList<>();

    @Override
    public Void handleRequest(S3Event event, Context context) {
        for (S3EventNotificationRecord record : event.getRecords()) {
            String key = record.getS3().getObject().getUrlDecodedKey();
            boolean firstDelivery = RECEIVED.stream().noneMatch(r -> r.getS3().getObject().getUrlDecodedKey().equals(key));
            RECEIVED.add(record);
            if (key.contains("fail") && firstDelivery) {
                throw new IllegalStateException("failing the first delivery of " + key);
            }
        }
        return null;
    }
}
