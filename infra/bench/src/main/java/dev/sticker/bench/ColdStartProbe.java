package dev.sticker.bench;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;

/**
 * The child JVM of {@link ColdStartBench}: does what Lambda does on a cold start (load the handler class, construct
 * it with its no-argument constructor, invoke it), then invokes it a second time, and prints one line of
 * {@link System#nanoTime()} stamps for the parent, which took its own stamp just before launching this JVM.
 *
 * <p>Arguments: the handler class, {@code submit} or {@code status:<request id>}, and optionally {@code prime}: run
 * the SnapStart hooks before and after a checkpoint as part of the init, as Lambda does when it publishes a version
 * and restores it. This JVM cannot checkpoint, so the snapshot's
 * saving of the init itself is not measured, only what priming does to the first request.
 */
public final class ColdStartProbe {

    static final String SUBMIT = "submit";
    static final String STATUS_PREFIX = "status:";
    static final String OUTPUT_PREFIX = "probe-timings";
    static final String PRIME = "prime";
    private static final Pattern REQUEST_ID = Pattern.compile("\"request_id\"\\s*:\\s*\"([^\"]+)\"");
    private static final String SUBMIT_BODY =
            "{\"image_url\":\"https://example.com/portrait.jpg\",\"prompt\":\"a person\"}";

    private ColdStartProbe() {
    }

    public static void main(String[] args) throws ReflectiveOperationException {
        long mainEntered = System.nanoTime();
        String handlerClass = args[0];
        String call = args[1];
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler =
                (RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>)
                        Class.forName(handlerClass).getDeclaredConstructor().newInstance();
        if (args.length > 2 && args[2].equals(PRIME)) {
            checkpointAndRestore(handler);
        }
        long constructed = System.nanoTime();
        APIGatewayProxyResponseEvent first = invoke(handler, call);
        long firstAnswered = System.nanoTime();
        APIGatewayProxyResponseEvent second = invoke(handler, call);
        long secondAnswered = System.nanoTime();
        Matcher requestId = REQUEST_ID.matcher(String.valueOf(first.getBody()));
        System.out.println(timingsLine(mainEntered, constructed, firstAnswered, secondAnswered,
                requestId.find() ? requestId.group(1) : "-"));
        System.out.flush();
        // Frameworks may leave non-daemon threads behind; Lambda freezes the process, a probe just ends it.
        System.exit(first.getStatusCode() < 300 && second.getStatusCode() < 300 ? 0 : 1);
    }

    /**
     * The line the parent parses: nanoTime stamps of main entered, handler constructed, first and second answer,
     * and the request id the first answer named ("-" if none).
     */
    static String timingsLine(long mainEntered, long constructed, long firstAnswered, long secondAnswered,
            String requestId) {
        return OUTPUT_PREFIX + " main=" + mainEntered + " constructed=" + constructed + " first=" + firstAnswered
                + " second=" + secondAnswered + " request=" + requestId;
    }

    /**
     * Runs the handler's SnapStart hooks (the CRaC resources micronaut-crac registers) as a checkpoint and a restore
     * would, through micronaut-crac's own checkpoint simulator: this JVM cannot checkpoint, and its global CRaC
     * context refuses direct calls. Reflection, because the plain baseline's jar has neither Micronaut nor CRaC.
     */
    private static void checkpointAndRestore(Object handler) throws ReflectiveOperationException {
        Object context = handler.getClass().getMethod("getApplicationContext").invoke(handler);
        Class<?> orderedResource = Class.forName("io.micronaut.crac.OrderedResource");
        List<Object> resources = new ArrayList<>((Collection<?>) context.getClass()
                .getMethod("getBeansOfType", Class.class).invoke(context, orderedResource));
        Class.forName("io.micronaut.core.order.OrderUtil").getMethod("sort", List.class).invoke(null, resources);
        Object simulator = Class.forName("io.micronaut.crac.test.DefaultCheckpointSimulator")
                .getConstructor(List.class).newInstance(resources);
        simulator.getClass().getMethod("runBeforeCheckpoint").invoke(simulator);
        simulator.getClass().getMethod("runAfterRestore").invoke(simulator);
    }

    private static APIGatewayProxyResponseEvent invoke(
            RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler, String call) {
        APIGatewayProxyRequestEvent event = call.startsWith(STATUS_PREFIX)
                ? ProbeEvents.status(call.substring(STATUS_PREFIX.length()))
                : ProbeEvents.submit(SUBMIT_BODY);
        APIGatewayProxyResponseEvent response = handler.handleRequest(event,
                ProbeContext.invocation(handler.getClass().getSimpleName()));
        if (response.getStatusCode() >= 300) {
            // The parent shows this stderr when the probe exits non-zero.
            System.err.println("answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response;
    }
}
