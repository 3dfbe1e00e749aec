package dev.sticker.local.events;

import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * A {@code Type: SQS} event: pollers long-poll the queue, each handing its own batch of up to BatchSize messages to
 * the function and deleting those it handled, several at once as Lambda scales out (the concurrency given, lowered
 * to the event's {@code ScalingConfig.MaximumConcurrency} if it declares one). With
 * {@code FunctionResponseTypes: [ReportBatchItemFailures]} the messages the function lists in
 * {@code batchItemFailures} stay on the queue; a thrown exception keeps the whole batch. Kept messages become visible
 * again after the queue's visibility timeout, and the queue's redrive policy moves them to the dead-letter queue after
 * maxReceiveCount receives, as on AWS.
 */
public final class SqsEventSource implements EventSource {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSource.class);
    private static final int DEFAULT_BATCH_SIZE = 10;
    private static final int MAX_RECEIVE = 10;
    private static final int WAIT_SECONDS = 1;

    private final LocalFunction function;
    private final String eventName;
    private final SqsClient sqs;
    private final String queueArn;
    private final String queueUrl;
    private final int batchSize;
    private final boolean reportsItemFailures;
    private final boolean enabled;
    private final int concurrency;
    private final ObjectMapper json = new ObjectMapper();
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicInteger running = new AtomicInteger();
    private volatile boolean receiving;

    /** @param concurrency how many batches may be handled at once, unless the event declares fewer */
    public SqsEventSource(LocalFunction function, EventDefinition event, SqsClient sqs, String queueArn,
            String queueUrl, int concurrency) {
        this.function = function;
        this.eventName = event.name();
        this.sqs = sqs;
        this.queueArn = queueArn;
        this.queueUrl = queueUrl;
        Map<String, Object> properties = event.properties();
        this.batchSize = properties.containsKey("BatchSize")
                ? Integer.parseInt(properties.get("BatchSize").toString()) : DEFAULT_BATCH_SIZE;
        this.reportsItemFailures = properties.get("FunctionResponseTypes") instanceof List<?> types
                && types.contains("ReportBatchItemFailures");
        this.enabled = !"false".equalsIgnoreCase(String.valueOf(properties.getOrDefault("Enabled", "true")));
        this.concurrency = Math.min(concurrency, maximumConcurrency(properties.get("ScalingConfig"), concurrency));
    }

    @Override
    public synchronized void start() {
        if (!enabled) {
            LOG.debug("{}.{} is disabled in the template", function.definition().logicalId(), eventName);
            return;
        }
        receiving = true;
        for (int i = 1; i <= concurrency; i++) {
            Thread poller = new Thread(this::poll, "sqs-" + function.definition().logicalId() + "-" + eventName + "-" + i);
            poller.setDaemon(true);
            pollers.add(poller);
            poller.start();
        }
    }

    @Override
    public void stop() {
        receiving = false;
    }

    @Override
    public int runningInvocations() {
        return running.get();
    }

    @Override
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        for (Thread poller : pollerThreads()) {
            long left = deadline - System.nanoTime();
            if (left > 0) {
                TimeUnit.NANOSECONDS.timedJoin(poller, left);
            }
        }
        return pollerThreads().stream().noneMatch(Thread::isAlive);
    }

    @Override
    public void close() {
        stop();
        pollerThreads().forEach(Thread::interrupt);
    }

    private synchronized List<Thread> pollerThreads() {
        return List.copyOf(pollers);
    }

    private void poll() {
        while (receiving) {
            List<Message> messages;
            try {
                messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl)
                        .maxNumberOfMessages(Math.min(batchSize, MAX_RECEIVE))
                        .waitTimeSeconds(WAIT_SECONDS)
                        .messageSystemAttributeNames(MessageSystemAttributeName.ALL)
                        .messageAttributeNames("All")).messages();
            } catch (SdkException e) {
                if (receiving) {
                    LOG.warn("{}.{}: cannot receive from {}: {}", function.definition().logicalId(), eventName,
                            queueUrl, e.toString());
                    pause();
                }
                continue;
            }
            if (messages.isEmpty()) {
                continue;
            }
            if (!receiving) {
                release(messages);
                return;
            }
            running.incrementAndGet();
            try {
                deliver(messages);
            } finally {
                running.decrementAndGet();
            }
        }
    }

    /** A batch that arrived as the source stopped goes back on the queue at once, for the next start to deliver. */
    private void release(List<Message> messages) {
        List<ChangeMessageVisibilityBatchRequestEntry> entries = messages.stream()
                .map(m -> ChangeMessageVisibilityBatchRequestEntry.builder().id(m.messageId())
                        .receiptHandle(m.receiptHandle()).visibilityTimeout(0).build())
                .toList();
        try {
            sqs.changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl).entries(entries));
        } catch (SdkException e) {
            LOG.debug("cannot release {} messages to {}; they return after the visibility timeout: {}",
                    messages.size(), queueUrl, e.toString());
        }
    }

    private void deliver(List<Message> messages) {
        Set<String> failed;
        try {
            Object result = function.invoke(event(messages));
            failed = reportsItemFailures ? failedMessageIds(result, messages) : Set.of();
        } catch (RuntimeException | Error e) {
            LOG.error("{} failed on a batch of {} from {}; the batch will be retried",
                    function.definition().logicalId(), messages.size(), queueUrl, e);
            return;
        }
        List<DeleteMessageBatchRequestEntry> done = messages.stream()
                .filter(m -> !failed.contains(m.messageId()))
                .map(m -> DeleteMessageBatchRequestEntry.builder().id(m.messageId()).receiptHandle(m.receiptHandle()).build())
                .toList();
        for (int from = 0; from < done.size(); from += MAX_RECEIVE) {
            List<DeleteMessageBatchRequestEntry> chunk = done.subList(from, Math.min(done.size(), from + MAX_RECEIVE));
            try {
                sqs.deleteMessageBatch(b -> b.queueUrl(queueUrl).entries(chunk));
            } catch (SdkException e) {
                LOG.warn("cannot delete handled messages from {}: {}", queueUrl, e.toString());
            }
        }
        if (!failed.isEmpty()) {
            LOG.debug("{} reported {} of {} messages failed", function.definition().logicalId(), failed.size(),
                    messages.size());
        }
    }

    /**
     * The ids in the response's {@code batchItemFailures}. As on AWS, a failure entry without a valid id of this
     * batch counts as failing the whole batch.
     */
    private Set<String> failedMessageIds(Object result, List<Message> messages) {
        Set<String> batchIds = messages.stream().map(Message::messageId).collect(Collectors.toSet());
        if (result == null) {
            return Set.of();
        }
        JsonNode failures = json.valueToTree(result).path("batchItemFailures");
        Set<String> failed = new HashSet<>();
        for (JsonNode failure : failures) {
            String id = failure.path("itemIdentifier").asText("");
            if (!batchIds.contains(id)) {
                LOG.warn("{} reported failure of unknown message id '{}'; failing the whole batch",
                        function.definition().logicalId(), id);
                return batchIds;
            }
            failed.add(id);
        }
        return failed;
    }

    private SQSEvent event(List<Message> messages) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (Message message : messages) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId(message.messageId());
            record.setReceiptHandle(message.receiptHandle());
            record.setBody(message.body());
            record.setMd5OfBody(message.md5OfBody());
            record.setMd5OfMessageAttributes(message.md5OfMessageAttributes());
            record.setAttributes(new LinkedHashMap<>(message.attributesAsStrings()));
            record.setMessageAttributes(messageAttributes(message.messageAttributes()));
            record.setEventSource("aws:sqs");
            record.setEventSourceArn(queueArn);
            record.setAwsRegion(Intrinsics.REGION);
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }

    private static Map<String, SQSEvent.MessageAttribute> messageAttributes(Map<String, MessageAttributeValue> values) {
        Map<String, SQSEvent.MessageAttribute> attributes = new LinkedHashMap<>();
        values.forEach((name, value) -> {
            SQSEvent.MessageAttribute attribute = new SQSEvent.MessageAttribute();
            attribute.setDataType(value.dataType());
            attribute.setStringValue(value.stringValue());
            if (value.binaryValue() != null) {
                attribute.setBinaryValue(ByteBuffer.wrap(value.binaryValue().asByteArray()));
            }
            attribute.setStringListValues(value.stringListValues());
            attribute.setBinaryListValues(value.binaryListValues().stream()
                    .map(SdkBytes::asByteArray).map(ByteBuffer::wrap).toList());
            attributes.put(name, attribute);
        });
        return attributes;
    }

    /** {@code ScalingConfig: {MaximumConcurrency: N}}, N at least 2 as on AWS; {@code fallback} when not declared. */
    private static int maximumConcurrency(Object scalingConfig, int fallback) {
        if (scalingConfig == null) {
            return fallback;
        }
        if (!(scalingConfig instanceof Map<?, ?> config)) {
            throw new TemplateException("an SQS event's ScalingConfig must be {MaximumConcurrency: N}, got "
                    + scalingConfig);
        }
        Object declared = config.get("MaximumConcurrency");
        if (declared == null) {
            return fallback;
        }
        int maximum;
        try {
            maximum = Integer.parseInt(declared.toString());
        } catch (NumberFormatException e) {
            throw new TemplateException("ScalingConfig.MaximumConcurrency must be a number, got " + declared);
        }
        if (maximum < 2 || maximum > 1000) {
            throw new TemplateException("ScalingConfig.MaximumConcurrency must be 2..1000, got " + maximum);
        }
        return maximum;
    }

    private void pause() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            receiving = false;
        }
    }
}
