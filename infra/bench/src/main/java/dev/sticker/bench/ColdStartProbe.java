package dev.sticker.bench;

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
 * <p>Arguments: the handler class, and {@code submit} or {@code status:<request id>}.
 */
public final class ColdStartProbe {

    static final String SUBMIT = "submit";
    static final String STATUS_PREFIX = "status:";
    static final String OUTPUT_PREFIX = "probe-timings";
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
