package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import dev.sticker.core.ingest.DroppedPhoto;
import dev.sticker.core.ingest.IngestOutcome;
import dev.sticker.core.ingest.IngestService;
import dev.sticker.wiring.MicronautFunction;
import io.micronaut.context.ApplicationContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;

/**
 * S3 ObjectCreated under incoming/: each photo becomes a request through the submit service. It lives with the API's
 * handlers because it never renders, so its jar stays free of the engine. If a record fails, the others are still
 * handled and then the invocation fails, so Lambda retries the event; records already handled come back as
 * duplicates.
 */
public final class IngestHandler extends MicronautFunction implements RequestHandler<S3Event, List<IngestOutcome>> {

    private static final Logger LOG = LoggerFactory.getLogger(IngestHandler.class);

    private final IngestService ingest;

    /** Used by Lambda. */
    public IngestHandler() {
        this(ApiFunction.startContext());
    }

    private IngestHandler(ApplicationContext beans) {
        this(beans, beans.getBean(IngestService.class));
    }

    public IngestHandler(IngestService ingest) {
        this(null, ingest);
    }

    private IngestHandler(ApplicationContext beans, IngestService ingest) {
        super(beans);
        this.ingest = ingest;
    }

    @Override
    public List<IngestOutcome> handleRequest(S3Event event, Context context) {
        List<IngestOutcome> outcomes = new ArrayList<>();
        RuntimeException failed = null;
        List<S3EventNotificationRecord> records = event.getRecords() == null ? List.of() : event.getRecords();
        for (S3EventNotificationRecord record : records) {
            try {
                outcomes.add(ingest.ingest(photo(record)));
            } catch (RuntimeException e) {
                LOG.error("dropped photo failed, the event will be retried key={}", record.getS3().getObject().getKey(),
                        e);
                failed = failed == null ? e : failed;
            }
        }
        if (failed != null) {
            throw failed;
        }
        return outcomes;
    }

    private static DroppedPhoto photo(S3EventNotificationRecord record) {
        var object = record.getS3().getObject();
        Long size = object.getSizeAsLong();
        return new DroppedPhoto(record.getS3().getBucket().getName(), object.getUrlDecodedKey(), object.geteTag(),
                object.getSequencer(), size == null ? 0 : size);
    }
}
