package dev.sticker.core.wire;

import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;

class ApiUrlsTest {

    @Test
    void configuredBaseWinsOverHeaders() {
        ApiUrls urls = ApiUrls.resolve(Optional.of("https://stickers.example.com/"),
                Map.of("Host", "abc.execute-api.eu-west-1.amazonaws.com"), "v1");
        assertEquals("https://stickers.example.com", urls.base());
    }

    @Test
    void executeApiHostGetsTheStage() {
        ApiUrls urls = ApiUrls.resolve(Optional.empty(),
                Map.of("host", "abc.execute-api.eu-west-1.amazonaws.com", "X-Forwarded-Proto", "https"), "v1");
        assertEquals("https://abc.execute-api.eu-west-1.amazonaws.com/v1/fal-ai/face-to-sticker/requests/r1/status",
                urls.statusUrl("r1"));
    }

    @Test
    void customDomainHasNoStage() {
        ApiUrls urls = ApiUrls.resolve(Optional.empty(),
                Map.of("Host", "stickers.example.com", "x-forwarded-proto", "https, http"), "v1");
        assertEquals("https://stickers.example.com", urls.base());
    }

    @Test
    void localHostWithoutProtoIsHttp() {
        assertEquals("http://127.0.0.1:3000",
                ApiUrls.resolve(Optional.empty(), Map.of("Host", "127.0.0.1:3000"), "v1").base());
    }

    @Test
    void fileUrlsAndKeysRoundTrip() {
        ApiUrls urls = new ApiUrls("https://api.example.com/v1");
        String url = urls.fileUrl("results/r1/sticker.png");
        assertEquals("https://api.example.com/v1/files/results/r1/sticker.png", url);
        assertEquals(Optional.of("results/r1/sticker.png"), urls.fileKey(url));
        assertEquals(Optional.empty(), urls.fileKey("https://other.example.com/v1/files/results/r1/sticker.png"));
    }

    @Test
    void callbackUrlNamesBackendAndRequest() {
        assertEquals("https://api.example.com/webhooks/http/r1",
                new ApiUrls("https://api.example.com").callbackUrl("http", "r1"));
    }
}
