package dev.sticker.bench;

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
        int firstStatus = invoke(handler, call);
        long firstAnswered = System.nanoTime();
        int secondStatus = invoke(handler, call);
        long secondAnswered = System.nanoTime();
        System.out.println(timingsLine(mainEntered, constructed, firstAnswered, secondAnswered));
        System.out.flush();
        // Frameworks may leave non-daemon threads behind; Lambda freezes the process, a probe just ends it.
        System.exit(firstStatus < 300 && secondStatus < 300 ? 0 : 1);
    }

    /** The line the parent parses: nanoTime stamps of main entered, handler constructed, first and second answer. */
    static String timingsLine(long mainEntered, long constructed, long firstAnswered, long secondAnswered) {
        return OUTPUT_PREFIX + " main=" + mainEntered + " constructed=" + constructed + " first=" + firstAnswered
                + " second=" + secondAnswered;
    }

    private static int invoke(RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> handler,
            String call) {
        APIGatewayProxyRequestEvent event = call.startsWith(STATUS_PREFIX)
                ? ProbeEvents.status(call.substring(STATUS_PREFIX.length()))
                : ProbeEvents.submit(SUBMIT_BODY);
        APIGatewayProxyResponseEvent response = handler.handleRequest(event,
                ProbeContext.invocation(handler.getClass().getSimpleName()));
        if (response.getStatusCode() >= 300) {
            // The parent shows this stderr when the probe exits non-zero.
            System.err.println("answered " + response.getStatusCode() + ": " + response.getBody());
        }
        return response.getStatusCode();
    }
}
