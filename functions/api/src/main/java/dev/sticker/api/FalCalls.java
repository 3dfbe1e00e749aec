package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.config.Settings;
import dev.sticker.core.service.QueueHints;
import dev.sticker.core.service.RequestQueries;
import dev.sticker.core.service.StatusStream;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.UploadService;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.core.wire.FalRoute;
import dev.sticker.core.wire.FalWire;
import dev.sticker.core.wire.ProxyTarget;

import java.util.Map;
import java.util.Optional;

/**
 * Every fal call this API answers, on its own routes and through the fal proxy ({@code /fal/proxy}, the real
 * target in {@code x-fal-target-url}) alike: the call is found ({@link FalRoute}, {@link ProxyTarget}), then handed
 * to its service. The submit and fetch functions both answer through here; the template decides which calls reach
 * which function (and so which permissions each has).
 */
final class FalCalls {

    static final String PROXY_RESOURCE = "/fal/proxy";

    private final SubmitService submissions;
    private final RequestQueries queries;
    private final UploadService uploads;
    private final StatusStream streams;
    private final Settings settings;

    FalCalls(SubmitService submissions, RequestQueries queries, UploadService uploads, StatusStream streams,
             Settings settings) {
        this.submissions = submissions;
        this.queries = queries;
        this.uploads = uploads;
        this.streams = streams;
        this.settings = settings;
    }

    ApiReply answer(APIGatewayProxyRequestEvent event) {
        FalRoute route;
        Map<String, String> query;
        if (PROXY_RESOURCE.equals(event.getResource())) {
            ProxyTarget target = ProxyTarget.parse(event.getHttpMethod(), Gateway.header(event, ProxyTarget.HEADER));
            if (target instanceof ProxyTarget.Refused refused) {
                return FalWire.error(400, refused.detail());
            }
            ProxyTarget.Routed routed = (ProxyTarget.Routed) target;
            route = routed.route();
            query = routed.query();
        } else {
            Optional<FalRoute> direct = FalRoute.match(event.getHttpMethod(), Gateway.resourcePath(event));
            if (direct.isEmpty()) {
                return FalWire.error(404, "Not found");
            }
            route = direct.get();
            query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        }
        return answer(route, query, event);
    }

    private ApiReply answer(FalRoute route, Map<String, String> query, APIGatewayProxyRequestEvent event) {
        ApiUrls urls = Gateway.urls(event, settings);
        boolean logs = RequestQueries.logsRequested(query.get("logs"));
        return switch (route.kind()) {
            case SUBMIT -> submissions.submit(new Submission(Gateway.body(event), query.get("fal_webhook"), null,
                    QueueHints.fromHeaders(name -> Gateway.header(event, name))), urls);
            case STATUS -> queries.status(route.requestId(), logs, urls);
            case STATUS_STREAM -> streams.gather(route.requestId(), logs, urls, settings.streamDeadline());
            case RESULT -> queries.result(route.requestId(), urls);
            case CANCEL -> queries.cancel(route.requestId());
            case UPLOAD_INITIATE -> uploads.initiate(Gateway.body(event), urls);
            case UPLOAD_INITIATE_MULTIPART -> uploads.initiateMultipart();
            case FILE -> queries.file(route.fileKey());
        };
    }
}
