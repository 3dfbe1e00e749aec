package dev.sticker.local.function;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.UUID;

import com.amazonaws.services.lambda.runtime.Context;
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

    /** The type of event the handler method takes ({@code Object} when its declaration is generic). */
    public Class<?> eventType() {
        return handlerMethod(handlerClass(), methodName()).getParameterTypes()[0];
    }

    /** The class the template's Handler names. */
    public Class<?> handlerClass() {
        String className = definition.handler().split("::", 2)[0];
        try {
            return Class.forName(className, true, Thread.currentThread().getContextClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(definition.logicalId() + ": handler class " + className
                    + " is not on the classpath", e);
        }
    }

    /**
     * Handler is {@code package.Class} (a RequestHandler) or {@code package.Class::method}, where the method takes
     * the event and optionally the Context, as the Lambda Java runtime accepts.
     */
    @SuppressWarnings("unchecked")
    private RequestHandler<Object, Object> instantiate() {
        String methodName = methodName();
        Class<?> type = handlerClass();
        long started = System.nanoTime();
        try {
            Method method = handlerMethod(type, methodName);
            Object instance = Modifier.isStatic(method.getModifiers()) ? null
                    : type.getDeclaredConstructor().newInstance();
            LOG.debug("{} initialised in {} ms", definition.logicalId(), (System.nanoTime() - started) / 1_000_000);
            if (instance instanceof RequestHandler<?, ?> handler && methodName.equals("handleRequest")) {
                return (RequestHandler<Object, Object>) handler;
            }
            boolean takesContext = method.getParameterCount() == 2;
            return (event, context) -> invokeMethod(method, instance,
                    takesContext ? new Object[] {event, context} : new Object[] {event});
        } catch (InvocationTargetException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName() + " failed to initialise: "
                    + e.getCause(), e.getCause());
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName()
                    + " needs a public no-argument constructor", e);
        }
    }

    private String methodName() {
        String[] parts = definition.handler().split("::", 2);
        return parts.length == 2 ? parts[1] : "handleRequest";
    }

    private Method handlerMethod(Class<?> type, String name) {
        Method best = null;
        for (Method method : type.getMethods()) {
            boolean eventAndContext = method.getParameterCount() == 2
                    && Context.class.isAssignableFrom(method.getParameterTypes()[1]);
            if (method.getName().equals(name) && !method.isBridge()
                    && (method.getParameterCount() == 1 || eventAndContext)
                    && (best == null || method.getParameterTypes()[0] != Object.class)) {
                best = method;
            }
        }
        if (best == null) {
            throw new IllegalStateException(definition.logicalId() + ": " + type.getName() + " has no public method "
                    + name + "(event[, Context])");
        }
        return best;
    }

    private static Object invokeMethod(Method method, Object instance, Object[] arguments) {
        try {
            return method.invoke(instance, arguments);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(method + " is not accessible", e);
        }
    }
}
