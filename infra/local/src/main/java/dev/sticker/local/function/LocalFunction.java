package dev.sticker.local.function;

import java.lang.reflect.InvocationTargetException;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One template function running in this JVM. Like a warm Lambda, the handler is created once (on first use, with
 * its no-argument constructor) and reused for every invocation.
 */
public final class LocalFunction {

    private static final Logger LOG = LoggerFactory.getLogger(LocalFunction.class);

    private final FunctionDefinition definition;
    private final Slf4jLambdaLogger lambdaLogger;
    private RequestHandler<Object, Object> handler;

    public LocalFunction(FunctionDefinition definition) {
        this.definition = definition;
        this.lambdaLogger = new Slf4jLambdaLogger(LoggerFactory.getLogger("function." + definition.logicalId()));
    }

    public FunctionDefinition definition() {
        return definition;
    }

    /** Invokes the handler with a fresh request id; whatever the handler throws propagates. */
    public Object invoke(Object event) {
        return invoke(event, UUID.randomUUID().toString());
    }

    public Object invoke(Object event, String requestId) {
        RequestHandler<Object, Object> instance = handler();
        LOG.debug("{} invoked, request {}", definition.logicalId(), requestId);
        return instance.handleRequest(event, new LocalContext(definition, requestId, lambdaLogger));
    }

    /** The handler instance, created on first call; a failed creation is retried on the next, as Lambda does. */
    public synchronized RequestHandler<Object, Object> handler() {
        if (handler == null) {
            handler = instantiate();
        }
        return handler;
    }

    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> instantiate() {
        String className = definition.handler();
        if (className.contains("::")) {
            throw new IllegalStateException(definition.logicalId() + ": handler " + className
                    + " names a method; the local cloud runs RequestHandler classes only");
        }
        Class<?> type;
        try {
            type = Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(definition.logicalId() + ": handler class " + className
                    + " is not on the classpath", e);
        }
        if (!RequestHandler.class.isAssignableFrom(type)) {
            throw new IllegalStateException(definition.logicalId() + ": " + className + " is not a RequestHandler");
        }
        long started = System.nanoTime();
        try {
            Object instance = type.getDeclaredConstructor().newInstance();
            LOG.debug("{} initialised in {} ms", definition.logicalId(), (System.nanoTime() - started) / 1_000_000);
            return (RequestHandler<Object, Object>) instance;
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + className + " failed to initialise: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + className
                    + " needs a public no-argument constructor", e);
        }
    }
}
