package dev.sticker.core.wire;

import java.util.LinkedHashMap;
import java.util.Map;

/** An HTTP answer, ready to be copied 1:1 into an API Gateway proxy response. */
public record ApiReply(int status, Map<String, String> headers, String body) {

    public static final String REQUEST_ID_HEADER = "x-fal-request-id";

    public ApiReply {
        headers = Map.copyOf(headers);
    }

    public static ApiReply json(int status, String body) {
        return new ApiReply(status, Map.of("Content-Type", "application/json"), body);
    }

    /** A JSON answer about one request, carrying fal's request id header. */
    public static ApiReply json(int status, String body, String requestId) {
        return new ApiReply(status, Map.of("Content-Type", "application/json", REQUEST_ID_HEADER, requestId), body);
    }

    public static ApiReply redirect(String location) {
        return new ApiReply(302, Map.of("Location", location, "Cache-Control", "no-store"), "");
    }

    public ApiReply withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new ApiReply(status, more, body);
    }
}
