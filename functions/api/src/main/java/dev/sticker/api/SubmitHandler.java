package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.QueueHints;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.UploadService;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalRoute.Kind;
import io.micronaut.context.ApplicationContext;

import java.util.Map;

/**
 * The writing calls: submit (fal's queue submit) and the storage upload, on their own routes and as POSTs through
 * the fal proxies.
 */
public final class SubmitHandler extends ApiFunction {

    private final FalCalls calls;

    /** Used by Lambda. */
    public SubmitHandler() {
        this(startContext());
    }

    private SubmitHandler(ApplicationContext beans) {
        this(beans, beans.getBean(SubmitService.class), beans.getBean(UploadService.class), beans.getBean(Access.class),
                beans.getBean(Settings.class));
    }

    public SubmitHandler(SubmitService submissions, UploadService uploads, Access access, Settings settings) {
        this(null, submissions, uploads, access, settings);
    }

    private SubmitHandler(ApplicationContext beans, SubmitService submissions, UploadService uploads, Access access,
                          Settings settings) {
        super(beans, settings.allowedOrigin());
        this.calls = new FalCalls(settings, access, Map.of(
                Kind.SUBMIT, call -> submissions.submit(new Submission(call.body(), call.query().get("fal_webhook"),
                        call.caller(), QueueHints.fromHeaders(call::header)), call.urls()),
                Kind.UPLOAD_INITIATE, call -> uploads.initiate(call.body(), call.urls(), call.caller()),
                Kind.UPLOAD_INITIATE_MULTIPART, call -> uploads.initiateMultipart()));
    }

    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        return calls.answer(event);
    }
}
