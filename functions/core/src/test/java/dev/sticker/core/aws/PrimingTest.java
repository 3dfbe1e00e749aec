package dev.sticker.core.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.sticker.core.input.InputSchema;
import dev.sticker.core.request.ObjectKeys;
import dev.sticker.core.request.Status;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.request.TestBilling;
import dev.sticker.core.service.Priming;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.formats.ImageType;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Priming against the local cloud's real servers: every reply shape is rendered, and nothing is stored. */
class PrimingTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void primingRendersEveryReplyShapeAsJson() throws IOException {
        List<ApiReply> replies = new Priming(LocalAws.objectStore()).run();

        Set<Integer> statuses = new TreeSet<>();
        for (ApiReply reply : replies) {
            statuses.add(reply.status());
            JsonNode body = JSON.readTree(reply.body());
            assertTrue(body.isObject(), reply.body());
        }
        assertEquals(Set.of(200, 202, 400, 403, 404, 413, 422, 500), statuses);
    }

    @Test
    void everyReplyNamesTheSampleRequestOnly() {
        for (ApiReply reply : new Priming(LocalAws.objectStore()).run()) {
            String named = reply.headers().get(ApiReply.REQUEST_ID_HEADER);
            assertTrue(named == null || named.equals(Priming.SAMPLE_REQUEST_ID), reply.toString());
        }
    }

    @Test
    void primingStoresNothing() {
        S3ObjectStore objects = LocalAws.objectStore();
        DynamoRequestStore store = LocalAws.requestStore();

        new Priming(objects).run();
        AwsPriming.marshal(sampleRequest(), "requests", "https://sqs.us-east-1.amazonaws.com/123456789012/jobs");

        assertTrue(store.find(Priming.SAMPLE_REQUEST_ID).isEmpty());
        assertTrue(objects.size(ObjectKeys.input(Priming.SAMPLE_REQUEST_ID)).isEmpty());
        assertTrue(objects.size(ObjectKeys.sticker(Priming.SAMPLE_REQUEST_ID)).isEmpty());
        assertTrue(LocalAws.accountStore().find(Priming.sampleRequest(Status.IN_QUEUE).billing().accountId()).isEmpty(),
                "priming opened no account and held no credit");
    }

    @Test
    void marshallingReadsTheRequestBackUnchanged() {
        StickerRequest request = sampleRequest();

        assertEquals(request, AwsPriming.marshal(request, "requests",
                "https://sqs.us-east-1.amazonaws.com/123456789012/jobs"));
    }

    @Test
    void sampleIsASmallFacePhotoSubmittedAsADataUri() {
        byte[] photo = Priming.samplePhoto();

        assertEquals(ImageType.JPEG, ImageType.sniff(photo).orElseThrow());
        assertTrue(photo.length < 60_000, photo.length + " bytes");
        assertTrue(Priming.sampleInput().hasDataUri());
        assertEquals(Long.valueOf(Priming.SAMPLE_SEED), Priming.sampleInput().seed());
    }

    private static StickerRequest sampleRequest() {
        Instant at = Instant.parse("2026-01-01T00:00:00Z");
        return new StickerRequest(Priming.SAMPLE_REQUEST_ID, ApiUrls.MODEL_ID, Status.IN_QUEUE,
                TestBilling.ONE_MEGAPIXEL, InputSchema.toJson(Priming.sampleInput()), 7, null, null, List.of(), null, 0,
                0, false, null, List.of(), at, null, null, null, null, at.getEpochSecond() + 86_400);
    }
}
