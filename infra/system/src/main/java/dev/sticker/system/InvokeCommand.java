package dev.sticker.system;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.SNSEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.local.function.EventDefinition;
import dev.sticker.local.function.LocalFunction;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code sticker invoke FUNCTION -e EVENT}: like {@code sam local invoke}. Starts the servers and resources (no API,
 * no pollers), reads the event into the input type the function's event source implies, using the Lambda runtime's
 * serialization rules, invokes the handler once and prints its response as JSON on stdout.
 */
@Command(name = "invoke", mixinStandardHelpOptions = true,
        description = "Invoke one function of template.yaml once with an event file; the response goes to stdout.")
final class InvokeCommand implements Callable<Integer> {

    /** The event class Lambda hands a function for each template event source type. */
    private static final Map<String, Class<?>> EVENT_CLASSES = Map.of(
            EventDefinition.API, APIGatewayProxyRequestEvent.class,
            EventDefinition.SQS, SQSEvent.class,
            EventDefinition.S3, S3Event.class,
            "SNS", SNSEvent.class,
            "Schedule", ScheduledEvent.class,
            "DynamoDB", DynamodbEvent.class);

    @Parameters(index = "0", paramLabel = "FUNCTION", description = "Logical id of the function, e.g. SubmitFunction.")
    String functionId;

    @Option(names = {"-e", "--event"}, required = true, description = "Event JSON file ('-' reads stdin).")
    String eventFile;

    @Option(names = "--persistent", description = "Use the .sticker/ data of ./sticker up (which must not be running).")
    boolean persistent;


    @Mixin
    TemplateParameters template = new TemplateParameters();

    @Override
    public Integer call() throws IOException {
        byte[] eventJson = readEvent();
        Path home = StickerCli.home();
        try (LocalCloud cloud = LocalCloud.start(new LocalCloudOptions(home.resolve("template.yaml"),
                persistent ? home.resolve(".sticker") : null, 0, false, template.overrides()))) {
            LocalAccount.ensure(cloud);
            LocalFunction function = cloud.function(functionId);
            Class<?> inputType = inputType(function);
            Object event = serializer(inputType).fromJson(new String(eventJson, StandardCharsets.UTF_8));
            Object response;
            try {
                response = function.invoke(event);
            } catch (RuntimeException e) {
                System.out.println(errorJson(e));
                return 1;
            }
            System.out.println(toJson(response));
            return 0;
        }
    }

    private byte[] readEvent() throws IOException {
        if (eventFile.equals("-")) {
            try (InputStream in = System.in) {
                return in.readAllBytes();
            }
        }
        Path path = Path.of(eventFile);
        if (!Files.isRegularFile(path)) {
            throw new CliFailure("no event file " + eventFile);
        }
        return Files.readAllBytes(path);
    }

    /** The template's event source decides; without events, the handler's declared input type does. */
    private static Class<?> inputType(LocalFunction function) {
        for (EventDefinition event : function.definition().events()) {
            Class<?> type = EVENT_CLASSES.get(event.type());
            if (type != null) {
                return type;
            }
        }
        for (Class<?> type = function.handlerClass(); type != null; type = type.getSuperclass()) {
            Type generic = type.getGenericSuperclass();
            Class<?> declared = firstTypeArgument(generic);
            if (declared != null) {
                return declared;
            }
            for (Type implemented : type.getGenericInterfaces()) {
                if (implemented instanceof ParameterizedType p && p.getRawType() == RequestHandler.class) {
                    declared = firstTypeArgument(implemented);
                    if (declared != null) {
                        return declared;
                    }
                }
            }
        }
        return Object.class;
    }

    private static Class<?> firstTypeArgument(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments().length > 0
                && p.getActualTypeArguments()[0] instanceof Class<?> argument) {
            return argument;
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static PojoSerializer<Object> serializer(Class<?> type) {
        ClassLoader loader = InvokeCommand.class.getClassLoader();
        if (LambdaEventSerializers.isLambdaSupportedEvent(type.getName())) {
            return (PojoSerializer<Object>) LambdaEventSerializers.serializerFor(type, loader);
        }
        return (PojoSerializer<Object>) JacksonFactory.getInstance().getSerializer(type);
    }

    private static String toJson(Object response) {
        if (response == null) {
            return "null";
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        serializer(response.getClass()).toJson(response, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    /** The shape Lambda reports an unhandled exception in. */
    private static String errorJson(RuntimeException e) {
        Map<String, Object> error = Map.of(
                "errorMessage", String.valueOf(e.getMessage()),
                "errorType", e.getClass().getName());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        JacksonFactory.getInstance().getSerializer(Map.class).toJson(error, out);
        return out.toString(StandardCharsets.UTF_8);
    }
}
