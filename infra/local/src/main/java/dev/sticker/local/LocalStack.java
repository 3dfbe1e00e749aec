package dev.sticker.local;

import java.util.Locale;
import java.util.Map;

import dev.sticker.local.template.Intrinsics;
import dev.sticker.local.template.Resource;
import dev.sticker.local.template.ResourceAttributes;
import dev.sticker.local.template.Template;
import dev.sticker.local.template.TemplateException;

/**
 * The template as deployed locally: parameter values chosen, and every resource given the physical name and
 * attributes CloudFormation would give it, pointing at the local servers.
 */
final class LocalStack implements ResourceAttributes {

    private static final String ARN_PREFIX = ":" + Intrinsics.REGION + ":" + Intrinsics.ACCOUNT_ID + ":";

    private final Template template;
    private final Endpoints endpoints;
    private final Intrinsics intrinsics;

    LocalStack(Template template, Map<String, String> parameterOverrides, Endpoints endpoints) {
        this.template = template;
        this.endpoints = endpoints;
        this.intrinsics = new Intrinsics(template, parameterOverrides, this);
    }

    Template template() {
        return template;
    }

    Intrinsics intrinsics() {
        return intrinsics;
    }

    /** What {@code Ref} of the resource gives: table name, bucket name, queue URL, function name ... */
    String physicalName(String logicalId) {
        return attribute(template.resource(logicalId), REF);
    }

    @Override
    public String attribute(Resource resource, String attribute) {
        String id = resource.logicalId();
        return switch (resource.type()) {
            case Template.TABLE -> {
                String name = declaredName(resource, "TableName", generatedName(id));
                yield switch (attribute) {
                    case REF -> name;
                    case "Arn" -> "arn:aws:dynamodb" + ARN_PREFIX + "table/" + name;
                    case "StreamArn" -> "arn:aws:dynamodb" + ARN_PREFIX + "table/" + name + "/stream/local";
                    default -> unsupported(resource, attribute);
                };
            }
            case Template.BUCKET -> {
                String name = declaredName(resource, "BucketName", generatedName(id).toLowerCase(Locale.ROOT));
                yield switch (attribute) {
                    case REF -> name;
                    case "Arn" -> "arn:aws:s3:::" + name;
                    case "DomainName", "RegionalDomainName" -> endpoints.s3().getAuthority();
                    default -> unsupported(resource, attribute);
                };
            }
            case Template.QUEUE -> {
                String name = queueName(resource);
                yield switch (attribute) {
                    case REF, "QueueUrl" -> endpoints.sqs().resolve("/" + Intrinsics.ACCOUNT_ID + "/" + name).toString();
                    case "Arn" -> queueArn(name);
                    case "QueueName" -> name;
                    default -> unsupported(resource, attribute);
                };
            }
            case Template.FUNCTION -> switch (attribute) {
                case REF -> generatedName(id);
                case "Arn" -> "arn:aws:lambda" + ARN_PREFIX + "function:" + generatedName(id);
                default -> unsupported(resource, attribute);
            };
            case Template.API -> switch (attribute) {
                case REF -> id.toLowerCase(Locale.ROOT);
                case "RootResourceId" -> "root";
                default -> unsupported(resource, attribute);
            };
            case "AWS::SSM::Parameter" -> switch (attribute) {
                case REF -> declaredName(resource, "Name", generatedName(id));
                case "Value" -> intrinsics.resolveString(resource.properties().get("Value"));
                default -> unsupported(resource, attribute);
            };
            default -> switch (attribute) {
                case REF -> generatedName(id);
                default -> unsupported(resource, attribute);
            };
        };
    }

    static String queueArn(String queueName) {
        return "arn:aws:sqs" + ARN_PREFIX + queueName;
    }

    String queueName(Resource queue) {
        boolean fifo = Boolean.parseBoolean(String.valueOf(intrinsics.resolve(queue.properties().get("FifoQueue"))));
        return declaredName(queue, "QueueName", generatedName(queue.logicalId()) + (fifo ? ".fifo" : ""));
    }

    private String declaredName(Resource resource, String property, String generated) {
        Object declared = resource.properties().get(property);
        return declared == null ? generated : intrinsics.resolveString(declared);
    }

    private static String generatedName(String logicalId) {
        return Intrinsics.STACK_NAME + "-" + logicalId;
    }

    private static String unsupported(Resource resource, String attribute) {
        throw new TemplateException("the local cloud cannot resolve " + resource.logicalId() + "." + attribute
                + " (" + resource.type() + ")");
    }
}
