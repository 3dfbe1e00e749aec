package dev.sticker.core.aws;

import dev.sticker.core.request.Status;
import dev.sticker.core.request.Transition;
import dev.sticker.core.request.Transition.Effect;
import dev.sticker.core.request.Transition.Guard;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DynamoDB form of a {@link Transition}: its from-statuses and guards become the condition expression, its
 * target and effects the update expression. Every lifecycle condition written to the requests table comes from here.
 * It names request attributes only through {@link RequestItems}' constants, so that it loads without the rest of the
 * adapters (the plain benchmark baseline ships it alone).
 */
public final class TransitionExpressions {

    private TransitionExpressions() {
    }

    /**
     * The parts of one conditional write. Names and values are left out of a request when empty, since DynamoDB
     * refuses empty maps.
     *
     * @param update null for a put, which writes the whole item
     */
    public record Write(String condition, String update, Map<String, String> names,
                        Map<String, AttributeValue> values) {

        public Write {
            names = Map.copyOf(names);
            values = Map.copyOf(values);
        }

        /** Makes the put conditional on the transition; a transition that creates the request is applied so. */
        public PutItemRequest.Builder applyTo(PutItemRequest.Builder put) {
            if (update != null) {
                throw new IllegalStateException("a put writes the whole item; this write is an update: " + update);
            }
            put.conditionExpression(condition);
            if (!names.isEmpty()) {
                put.expressionAttributeNames(names);
            }
            if (!values.isEmpty()) {
                put.expressionAttributeValues(values);
            }
            return put;
        }

        UpdateItemRequest.Builder applyTo(UpdateItemRequest.Builder request) {
            request.updateExpression(update).conditionExpression(condition);
            if (!names.isEmpty()) {
                request.expressionAttributeNames(names);
            }
            if (!values.isEmpty()) {
                request.expressionAttributeValues(values);
            }
            return request;
        }
    }

    /** The condition of the transition alone, for a put (creating a request). */
    public static Write condition(Transition transition) {
        Placeholders placeholders = new Placeholders();
        String condition = condition(transition, placeholders);
        return new Write(condition, null, placeholders.names, placeholders.values);
    }

    /** The conditional update applying a transition that carries nothing and reads no counter, at {@code now}. */
    static Write update(Transition transition, Instant now) {
        return update(transition, now, null, null);
    }

    /**
     * The conditional update applying the transition at {@code now}: {@code carried} is the outcome it saves or the
     * detail it records, if it does either; {@code seen} the value its caller read of the counter it guards, if any.
     */
    static Write update(Transition transition, Instant now, AttributeValue carried, Integer seen) {
        if (transition.creates()) {
            throw new IllegalArgumentException(transition + " creates a request, which is a put");
        }
        boolean carries = transition.effects().stream().anyMatch(effect -> effect instanceof Effect.Save
                || effect instanceof Effect.Record || effect instanceof Effect.Append);
        if (carries != (carried != null)) {
            throw new IllegalArgumentException(transition + (carries ? " needs" : " takes no") + " value to write");
        }
        boolean reads = transition.guards().stream().anyMatch(Guard.Unchanged.class::isInstance);
        if (reads != (seen != null)) {
            throw new IllegalArgumentException(transition + (reads ? " needs" : " takes no") + " counter value read");
        }
        Placeholders placeholders = new Placeholders();
        String condition = condition(transition, placeholders, seen);
        List<String> sets = new ArrayList<>();
        List<String> adds = new ArrayList<>();
        List<String> removes = new ArrayList<>();
        transition.target().ifPresent(status -> sets.add(placeholders.name(RequestItems.STATUS) + " = "
                + placeholders.value("target", AttributeValue.fromS(status.name()))));
        for (Effect effect : transition.effects()) {
            if (effect instanceof Effect.Count count) {
                adds.add(placeholders.name(attribute(count.counter())) + " "
                        + placeholders.value("one", AttributeValue.fromN("1")));
            } else if (effect instanceof Effect.Raise raise) {
                sets.add(placeholders.name(attribute(raise.flag())) + " = "
                        + placeholders.value("true", AttributeValue.fromBool(true)));
            } else if (effect instanceof Effect.Stamp stamp) {
                sets.add(placeholders.name(attribute(stamp.moment())) + " = "
                        + placeholders.value("now", AttributeValue.fromS(now.toString())));
            } else if (effect instanceof Effect.Save save) {
                sets.add(placeholders.name(attribute(save.outcome())) + " = "
                        + placeholders.value("carried", carried));
            } else if (effect instanceof Effect.Record record) {
                sets.add(placeholders.name(attribute(record.detail())) + " = "
                        + placeholders.value("carried", carried));
            } else if (effect instanceof Effect.Append append) {
                String list = placeholders.name(attribute(append.detail()));
                sets.add(list + " = list_append(if_not_exists(" + list + ", "
                        + placeholders.value("empty", AttributeValue.fromL(List.of())) + "), "
                        + placeholders.value("carried", AttributeValue.fromL(List.of(carried))) + ")");
            } else if (effect instanceof Effect.Forget forget) {
                removes.add(placeholders.name(attribute(forget.detail())));
            } else {
                throw new IllegalArgumentException("no DynamoDB update for " + effect);
            }
        }
        List<String> clauses = new ArrayList<>();
        if (!sets.isEmpty()) {
            clauses.add("SET " + String.join(", ", sets));
        }
        if (!adds.isEmpty()) {
            clauses.add("ADD " + String.join(", ", adds));
        }
        if (transition.target().filter(status -> status == Status.COMPLETED).isPresent()) {
            // An ended request leaves the sparse index of open requests.
            removes.add(placeholders.name(RequestItems.OPEN_SHARD));
        }
        if (!removes.isEmpty()) {
            clauses.add("REMOVE " + String.join(", ", removes));
        }
        return new Write(condition, String.join(" ", clauses), placeholders.names, placeholders.values);
    }

    private static String condition(Transition transition, Placeholders placeholders) {
        return condition(transition, placeholders, null);
    }

    private static String condition(Transition transition, Placeholders placeholders, Integer seen) {
        if (transition.creates()) {
            return "attribute_not_exists(" + placeholders.name(RequestItems.ID) + ")";
        }
        List<String> from = new ArrayList<>();
        for (Status status : transition.from()) {
            from.add(placeholders.value("from" + from.size(), AttributeValue.fromS(status.name())));
        }
        List<String> clauses = new ArrayList<>();
        clauses.add(placeholders.name(RequestItems.STATUS) + " IN (" + String.join(", ", from) + ")");
        for (Guard guard : transition.guards()) {
            clauses.add(condition(guard, placeholders, seen));
        }
        return String.join(" AND ", clauses);
    }

    private static String condition(Guard guard, Placeholders placeholders, Integer seen) {
        if (guard instanceof Guard.NotRaised notRaised) {
            String flag = placeholders.name(attribute(notRaised.flag()));
            return "(attribute_not_exists(" + flag + ") OR " + flag + " = "
                    + placeholders.value("false", AttributeValue.fromBool(false)) + ")";
        }
        if (guard instanceof Guard.NotRecorded notRecorded) {
            return "attribute_not_exists(" + placeholders.name(attribute(notRecorded.detail())) + ")";
        }
        if (guard instanceof Guard.Unchanged unchanged) {
            String counter = placeholders.name(attribute(unchanged.counter()));
            String value = placeholders.value("seen", AttributeValue.fromN(Integer.toString(seen)));
            // A request stored before the counter existed reads as 0, as the adapter maps it.
            return seen == 0 ? "(attribute_not_exists(" + counter + ") OR " + counter + " = " + value + ")"
                    : counter + " = " + value;
        }
        throw new IllegalArgumentException("no DynamoDB condition for " + guard);
    }

    private static String attribute(Transition.Flag flag) {
        return switch (flag) {
            case CANCEL_REQUESTED -> RequestItems.CANCEL_REQUESTED;
            case SETTLED -> RequestItems.SETTLED;
        };
    }

    private static String attribute(Transition.Counter counter) {
        return switch (counter) {
            case ATTEMPTS -> RequestItems.ATTEMPTS;
            case REQUEUES -> RequestItems.REQUEUES;
        };
    }

    private static String attribute(Transition.Moment moment) {
        return switch (moment) {
            case STARTED -> RequestItems.STARTED_AT;
            case COMPLETED -> RequestItems.COMPLETED_AT;
            case CANCEL_REQUESTED -> RequestItems.CANCEL_REQUESTED_AT;
            case SETTLED -> RequestItems.SETTLED_AT;
            case QUEUE_SEEN -> RequestItems.QUEUE_SEEN_AT;
        };
    }

    private static String attribute(Transition.Detail detail) {
        return switch (detail) {
            case DISPATCH -> RequestItems.DISPATCH;
            case FAILED_BACKENDS -> RequestItems.FAILED_BACKENDS;
        };
    }

    private static String attribute(Transition.Outcome outcome) {
        return switch (outcome) {
            case RESULT -> RequestItems.RESULT;
            case FAILURE -> RequestItems.FAILURE;
        };
    }

    /** The expression attribute names and values one write uses, each placeholder declared once. */
    private static final class Placeholders {
        private final Map<String, String> names = new LinkedHashMap<>();
        private final Map<String, AttributeValue> values = new LinkedHashMap<>();

        String name(String attribute) {
            String placeholder = "#" + attribute;
            names.put(placeholder, attribute);
            return placeholder;
        }

        String value(String key, AttributeValue value) {
            String placeholder = ":" + key;
            values.put(placeholder, value);
            return placeholder;
        }
    }
}
