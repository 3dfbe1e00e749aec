package dev.sticker.local;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.local.template.Resource;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.CreateTableRequest;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.LocalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ProvisionedThroughput;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.sqs.model.QueueDoesNotExistException;

/**
 * Creates the template's tables, buckets and queues on the local servers, in dependency order (a dead-letter queue
 * before the queue that redrives to it). Safe to run again over existing data: what exists is kept.
 */
final class Provisioner {

    private static final Logger LOG = LoggerFactory.getLogger(Provisioner.class);
    private static final Pattern SUB_REFERENCE = Pattern.compile("\\$\\{([A-Za-z0-9]+)[.}]");
    private static final int SQS_DEFAULT_VISIBILITY_TIMEOUT = 30;
    /** CloudFormation queue property → SQS attribute, for the properties that are plain values. */
    private static final Map<String, String> QUEUE_ATTRIBUTES = Map.of(
            "DelaySeconds", "DelaySeconds",
            "MaximumMessageSize", "MaximumMessageSize",
            "MessageRetentionPeriod", "MessageRetentionPeriod",
            "ReceiveMessageWaitTimeSeconds", "ReceiveMessageWaitTimeSeconds",
            "FifoQueue", "FifoQueue",
            "ContentBasedDeduplication", "ContentBasedDeduplication");

    private final LocalStack stack;
    private final LocalClients clients;
    private final double visibilityTimeoutFactor;
    private final ObjectMapper json = new ObjectMapper();

    Provisioner(LocalStack stack, LocalClients clients, double visibilityTimeoutFactor) {
        this.stack = stack;
        this.clients = clients;
        this.visibilityTimeoutFactor = visibilityTimeoutFactor;
    }

    void provision() {
        for (Resource resource : dependencyOrder(stack.template())) {
            if (!stack.intrinsics().isActive(resource)) {
                LOG.debug("{} skipped: its condition {} is false", resource.logicalId(), resource.condition());
                continue;
            }
            switch (resource.type()) {
                case Template.TABLE -> table(resource);
                case Template.BUCKET -> bucket(resource);
                case Template.QUEUE -> queue(resource);
                default -> LOG.debug("{} ({}) has nothing to provision locally", resource.logicalId(), resource.type());
            }
        }
    }

    private void table(Resource resource) {
        String name = stack.physicalName(resource.logicalId());
        Map<String, Object> properties = stack.intrinsics().resolveMap(resource.properties());
        try {
            TableDescription existing = clients.dynamoDb().describeTable(b -> b.tableName(name)).table();
            LOG.debug("table {} exists with {} items", name, existing.itemCount());
            return;
        } catch (ResourceNotFoundException absent) {
            LOG.debug("creating table {}", name);
        }
        boolean provisioned = "PROVISIONED".equals(properties.get("BillingMode"))
                || properties.containsKey("ProvisionedThroughput");
        CreateTableRequest.Builder request = CreateTableRequest.builder()
                .tableName(name)
                .attributeDefinitions(list(properties, "AttributeDefinitions").stream()
                        .map(a -> AttributeDefinition.builder().attributeName(text(a, "AttributeName"))
                                .attributeType(text(a, "AttributeType")).build())
                        .toList())
                .keySchema(keySchema(properties.get("KeySchema")));
        if (provisioned) {
            request.billingMode(BillingMode.PROVISIONED).provisionedThroughput(throughput(properties));
        } else {
            request.billingMode(BillingMode.PAY_PER_REQUEST);
        }
        List<GlobalSecondaryIndex> globalIndexes = list(properties, "GlobalSecondaryIndexes").stream()
                .map(index -> {
                    GlobalSecondaryIndex.Builder gsi = GlobalSecondaryIndex.builder()
                            .indexName(text(index, "IndexName"))
                            .keySchema(keySchema(index.get("KeySchema")))
                            .projection(projection(index.get("Projection")));
                    if (provisioned) {
                        gsi.provisionedThroughput(throughput(index));
                    }
                    return gsi.build();
                })
                .toList();
        if (!globalIndexes.isEmpty()) {
            request.globalSecondaryIndexes(globalIndexes);
        }
        List<LocalSecondaryIndex> localIndexes = list(properties, "LocalSecondaryIndexes").stream()
                .map(index -> LocalSecondaryIndex.builder()
                        .indexName(text(index, "IndexName"))
                        .keySchema(keySchema(index.get("KeySchema")))
                        .projection(projection(index.get("Projection")))
                        .build())
                .toList();
        if (!localIndexes.isEmpty()) {
            request.localSecondaryIndexes(localIndexes);
        }
        clients.dynamoDb().createTable(request.build());
        if (properties.containsKey("TimeToLiveSpecification")) {
            LOG.debug("table {}: time to live is not enforced locally (dynalite has none)", name);
        }
    }

    private void bucket(Resource resource) {
        String name = stack.physicalName(resource.logicalId());
        try {
            clients.s3().headBucket(b -> b.bucket(name));
            LOG.debug("bucket {} exists", name);
        } catch (NoSuchBucketException absent) {
            clients.s3().createBucket(b -> b.bucket(name));
            LOG.debug("created bucket {}", name);
        }
    }

    private void queue(Resource resource) {
        String name = stack.queueName(resource);
        Map<String, Object> properties = stack.intrinsics().resolveMap(resource.properties());
        Map<String, String> attributes = new LinkedHashMap<>();
        QUEUE_ATTRIBUTES.forEach((property, attribute) -> {
            if (properties.containsKey(property)) {
                attributes.put(attribute, String.valueOf(properties.get(property)));
            }
        });
        int declaredTimeout = properties.containsKey("VisibilityTimeout")
                ? Integer.parseInt(properties.get("VisibilityTimeout").toString())
                : SQS_DEFAULT_VISIBILITY_TIMEOUT;
        attributes.put("VisibilityTimeout", Long.toString(scaledVisibilityTimeout(declaredTimeout)));
        for (String policy : List.of("RedrivePolicy", "RedriveAllowPolicy")) {
            Object value = properties.get(policy);
            if (value != null) {
                attributes.put(policy, value instanceof String text ? text : toJson(value));
            }
        }
        try {
            String url = clients.sqs().getQueueUrl(b -> b.queueName(name)).queueUrl();
            clients.sqs().setQueueAttributes(b -> b.queueUrl(url).attributesWithStrings(attributes));
            LOG.debug("queue {} exists; attributes set to {}", name, attributes);
        } catch (QueueDoesNotExistException absent) {
            clients.sqs().createQueue(b -> b.queueName(name).attributesWithStrings(attributes));
            LOG.debug("created queue {} with {}", name, attributes);
        }
    }

    /** At least one second, so a scaled-down timeout never makes a message visible while it is being handled. */
    private long scaledVisibilityTimeout(int declaredSeconds) {
        return Math.max(1, Math.round(declaredSeconds * visibilityTimeoutFactor));
    }

    /** Resources ordered so that each comes after every resource its properties reference. */
    static List<Resource> dependencyOrder(Template template) {
        Map<String, Set<String>> references = new HashMap<>();
        template.resources().values().forEach(r -> {
            Set<String> found = new LinkedHashSet<>();
            collectReferences(r.properties(), template, found);
            found.remove(r.logicalId());
            references.put(r.logicalId(), found);
        });
        List<Resource> ordered = new ArrayList<>();
        Set<String> placed = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        template.resources().keySet().forEach(id -> place(id, template, references, placed, visiting, ordered));
        return ordered;
    }

    private static void place(String id, Template template, Map<String, Set<String>> references,
            Set<String> placed, Set<String> visiting, List<Resource> ordered) {
        if (placed.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw new TemplateException("circular reference through " + visiting);
        }
        references.get(id).forEach(dependency -> place(dependency, template, references, placed, visiting, ordered));
        visiting.remove(id);
        placed.add(id);
        ordered.add(template.resource(id));
    }

    private static void collectReferences(Object value, Template template, Set<String> found) {
        if (value instanceof Map<?, ?> map) {
            map.forEach((key, argument) -> {
                if ("Ref".equals(key) && template.resources().containsKey(String.valueOf(argument))) {
                    found.add(String.valueOf(argument));
                } else if ("Fn::GetAtt".equals(key) && argument instanceof List<?> parts && !parts.isEmpty()) {
                    found.add(String.valueOf(parts.get(0)));
                } else if ("Fn::Sub".equals(key)) {
                    Object pattern = argument instanceof List<?> parts && !parts.isEmpty() ? parts.get(0) : argument;
                    Matcher matcher = SUB_REFERENCE.matcher(String.valueOf(pattern));
                    while (matcher.find()) {
                        if (template.resources().containsKey(matcher.group(1))) {
                            found.add(matcher.group(1));
                        }
                    }
                }
                collectReferences(argument, template, found);
            });
        } else if (value instanceof List<?> list) {
            list.forEach(item -> collectReferences(item, template, found));
        }
    }

    private List<KeySchemaElement> keySchema(Object declared) {
        List<Map<String, Object>> elements = asList(declared, "KeySchema");
        return elements.stream()
                .map(k -> KeySchemaElement.builder().attributeName(text(k, "AttributeName"))
                        .keyType(text(k, "KeyType")).build())
                .toList();
    }

    private Projection projection(Object declared) {
        Map<String, Object> projection = Template.asMap(declared, "Projection");
        Projection.Builder builder = Projection.builder()
                .projectionType(String.valueOf(projection.getOrDefault("ProjectionType", "ALL")));
        if (projection.get("NonKeyAttributes") instanceof List<?> attributes) {
            builder.nonKeyAttributes(attributes.stream().map(String::valueOf).toList());
        }
        return builder.build();
    }

    private static ProvisionedThroughput throughput(Map<String, Object> holder) {
        Map<String, Object> declared = Template.asMap(holder.get("ProvisionedThroughput"), "ProvisionedThroughput");
        return ProvisionedThroughput.builder()
                .readCapacityUnits(Long.parseLong(String.valueOf(declared.getOrDefault("ReadCapacityUnits", 5))))
                .writeCapacityUnits(Long.parseLong(String.valueOf(declared.getOrDefault("WriteCapacityUnits", 5))))
                .build();
    }

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new TemplateException("cannot write " + value + " as JSON", e);
        }
    }

    private static List<Map<String, Object>> list(Map<String, Object> properties, String name) {
        return asList(properties.get(name), name);
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> asList(Object value, String name) {
        if (value == null) {
            return List.of();
        }
        if (!(value instanceof List<?>)) {
            throw new TemplateException(name + " must be a list, got " + value);
        }
        return (List<Map<String, Object>>) value;
    }

    private static String text(Map<String, Object> holder, String name) {
        Object value = holder.get(name);
        if (value == null) {
            throw new TemplateException("missing " + name + " in " + holder);
        }
        return value.toString();
    }
}
