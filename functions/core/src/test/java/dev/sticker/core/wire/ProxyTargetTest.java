package dev.sticker.core.wire;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ProxyTargetTest {

    private static final String QUEUE = "https://queue.fal.run/fal-ai/face-to-sticker";

    @Test
    void everyQueueCallOfTheClientIsRouted() {
        assertEquals(new FalRoute(FalRoute.Kind.SUBMIT, null, null), routed("POST", QUEUE).route());
        assertEquals(new FalRoute(FalRoute.Kind.STATUS, "r-1", null),
                routed("GET", QUEUE + "/requests/r-1/status?logs=1").route());
        assertEquals(new FalRoute(FalRoute.Kind.STATUS_STREAM, "r-1", null),
                routed("GET", QUEUE + "/requests/r-1/status/stream?logs=0").route());
        assertEquals(new FalRoute(FalRoute.Kind.RESULT, "r-1", null), routed("GET", QUEUE + "/requests/r-1").route());
        assertEquals(new FalRoute(FalRoute.Kind.CANCEL, "r-1", null),
                routed("PUT", QUEUE + "/requests/r-1/cancel").route());
        assertEquals(new FalRoute(FalRoute.Kind.UPLOAD_INITIATE, null, null),
                routed("POST", "https://rest.fal.ai/storage/upload/initiate?storage_type=fal-cdn-v3").route());
        assertEquals(FalRoute.Kind.UPLOAD_INITIATE_MULTIPART,
                routed("POST", "https://rest.fal.ai/storage/upload/initiate-multipart").route().kind());
    }

    @Test
    void targetQueryIsKeptDecoded() {
        ProxyTarget.Routed submit = routed("POST", QUEUE + "?fal_webhook=https%3A%2F%2Fhooks.example.com%2Fa%3Fb%3D1");

        assertEquals(Map.of("fal_webhook", "https://hooks.example.com/a?b=1"), submit.query());
        assertEquals("1", routed("GET", QUEUE + "/requests/r/status?logs=1").query().get("logs"));
    }

    @Test
    void otherHostsAreRefusedSoTheProxyIsNeverOpen() {
        refused("POST", "https://evil.example.com/fal-ai/face-to-sticker", "evil.example.com");
        refused("GET", "https://169.254.169.254/latest/meta-data", "only forwards");
        refused("POST", "https://queue.fal.run.evil.example.com/fal-ai/face-to-sticker", "only forwards");
        refused("POST", "http://queue.fal.run/fal-ai/face-to-sticker", "https");
        refused("POST", "https://user@queue.fal.run/fal-ai/face-to-sticker", "https");
        refused("POST", "https://queue.fal.run:8443/fal-ai/face-to-sticker", "https");
        refused("POST", "https://fal.run/fal-ai/face-to-sticker", "queue");
    }

    @Test
    void otherModelsPathsAndMethodsAreRefused() {
        refused("POST", "https://queue.fal.run/fal-ai/flux/dev", "not a call");
        refused("POST", QUEUE + "/requests/r-1/status", "not a call");
        refused("GET", QUEUE + "/requests/../../admin", "not a call");
        refused("DELETE", QUEUE + "/requests/r-1", "not a call");
        refused("POST", "https://rest.fal.ai/fal-ai/face-to-sticker", "not a call");
        refused("POST", "https://queue.fal.run/storage/upload/initiate", "not a call");
        refused("GET", "https://queue.fal.run/files/results/r-1/sticker.png", "not a call");
        refused("GET", "https://rest.fal.ai/files/uploads/x/y.png", "not a call");
    }

    @Test
    void missingOrMalformedTargetIsRefused() {
        refused("POST", null, "required");
        refused("POST", " ", "required");
        refused("POST", "https://queue.fal.run/fal ai", "not a URL");
        refused("POST", QUEUE + "?fal_webhook=%zz", "not a URL");
    }

    @Test
    void directPathsUseTheSameTable() {
        assertEquals(Optional.of(new FalRoute(FalRoute.Kind.FILE, null, "uploads/a/b.png")),
                FalRoute.match("GET", "/files/uploads/a/b.png"));
        assertEquals(Optional.of(new FalRoute(FalRoute.Kind.STATUS, "abc", null)),
                FalRoute.match("get", "/fal-ai/face-to-sticker/requests/abc/status/"));
        assertEquals(Optional.empty(), FalRoute.match("PUT", "/fal-ai/face-to-sticker/requests/abc"));
        assertEquals(Optional.empty(), FalRoute.match("GET", "/files/"));
    }

    private static ProxyTarget.Routed routed(String method, String target) {
        return assertInstanceOf(ProxyTarget.Routed.class, ProxyTarget.parse(method, target));
    }

    private static void refused(String method, String target, String because) {
        ProxyTarget.Refused refused = assertInstanceOf(ProxyTarget.Refused.class, ProxyTarget.parse(method, target),
                method + " " + target);
        assertTrue(refused.detail().contains(because), refused.detail());
    }
}
