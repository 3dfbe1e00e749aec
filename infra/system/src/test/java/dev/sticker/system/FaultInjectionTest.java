package dev.sticker.system;

import com.amazonaws.services.lambda.runtime.events.ScheduledEvent;
import dev.sticker.core.account.BillingSettings;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.CreditSettlement;
import dev.sticker.core.account.RunningSlots;
import dev.sticker.core.account.Scope;
import dev.sticker.core.aws.DynamoAccountStore;
import dev.sticker.core.aws.DynamoRequestStore;
import dev.sticker.core.aws.S3ObjectStore;
import dev.sticker.core.aws.SdkClients;
import dev.sticker.core.config.Settings;
import dev.sticker.core.request.StickerRequest;
import dev.sticker.core.service.Completion;
import dev.sticker.core.service.Submission;
import dev.sticker.core.service.SubmitOutcome;
import dev.sticker.core.service.SubmitService;
import dev.sticker.core.wire.ApiUrls;
import dev.sticker.local.LocalCloud;
import dev.sticker.local.LocalCloudOptions;
import dev.sticker.settings.Config;
import dev.sticker.settings.Setting;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults a deployment meets, injected into the local cloud's real parts, each ending with every request finished
 * once: no request lost, none stuck, exactly one result, and the price charged once.
 */
class FaultInjectionTest {

    /** A 512 x 512 sticker: 0.262144 megapixels at 0.02 USD. */
    private static final BigDecimal SQUARE_PRICE = new BigDecimal("0.005243");
    private static final String SQUARE = "{\"image_url\":\"" + Photos.dataUri("image/png", Photos.astronautPng())
            + "\",\"prompt\":\"a person\",\"image_size\":\"square\"}";

    @Test
    void aRequestStoredWhoseJobWasNeverSentIsFinishedByTheSweeper() {
        LocalCloud cloud = LocalCloud.shared();
        TestKeys.Opened account = TestKeys.open("1", 2);
        // The submit stored the request and died before SendMessage, three minutes ago.
        String id = submittedWithoutAJob(cloud, account, Duration.ofMinutes(3));

        cloud.function("SweeperFunction").invoke(new ScheduledEvent());

        assertFinishedOnceAndCharged(cloud, account, id, 1);
    }

    @Test
    void aJobWhoseWorkerDiedMidRenderComesBackAndIsTakenOver() {
        LocalCloud cloud = LocalCloud.shared();
        TestKeys.Opened account = TestKeys.open("1", 2);
        String id = submittedWithoutAJob(cloud, account, Duration.ofMinutes(3));
        // A worker claimed it two minutes ago and died; SQS hands the job out again.
        TestClouds.requests(cloud).claim(id, Instant.now().minus(Duration.ofMinutes(2)));

        TestClouds.sendJob(cloud, id);

        assertFinishedOnceAndCharged(cloud, account, id, 2);
    }

    @Test
    void aJobWhoseWorkerDiedAndWhoseMessageWasLostIsResumedByTheSweeper() {
        LocalCloud cloud = LocalCloud.shared();
        TestKeys.Opened account = TestKeys.open("1", 2);
        String id = submittedWithoutAJob(cloud, account, Duration.ofMinutes(3));
        TestClouds.requests(cloud).claim(id, Instant.now().minus(Duration.ofMinutes(2)));

        cloud.function("SweeperFunction").invoke(new ScheduledEvent());

        assertFinishedOnceAndCharged(cloud, account, id, 2);
    }

    @Test
    void dynamoDbThrottlingSlowsRequestsDownButLosesNone() {
        try (LocalCloud cloud = LocalCloud.start(LocalCloudOptions.ephemeral(TestClouds.template()));
             ThrottlingDynamoProxy proxy = ThrottlingDynamoProxy.start(
                     URI.create(cloud.environment().get(Setting.ENDPOINT_DYNAMODB.variable())))) {
            // The functions start on their first call and read their endpoints then: they all go through the proxy.
            System.setProperty(Setting.ENDPOINT_DYNAMODB.variable(), proxy.endpoint().toString());
            TestKeys.Opened account = TestKeys.open(cloud, null, "1", 4, 1000);
            QueueClient api = new QueueClient(cloud.apiUrl(), account.key());
            proxy.throttleFor(Duration.ofSeconds(4));

            List<String> ids = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                QueueClient.Reply submitted = api.submit(SQUARE);
                assertEquals(200, submitted.status(), submitted.body());
                ids.add(submitted.text("request_id"));
            }
            for (String id : ids) {
                assertEquals("COMPLETED", api.awaitCompleted(id, LifecycleTest.RENDER_TIMEOUT, Duration.ofMillis(250),
                        status -> { }).text("status"));
                assertEquals(200, api.result(id).status());
            }
            assertTrue(proxy.throttledCalls() > 10, "calls refused: " + proxy.throttledCalls());
            assertEquals(BigDecimal.ONE.subtract(SQUARE_PRICE.multiply(BigDecimal.valueOf(4))),
                    TestKeys.settledAccount(api, account.accountId()).path("balance_usd").decimalValue());
        }
    }

    private static void assertFinishedOnceAndCharged(LocalCloud cloud, TestKeys.Opened account, String id,
                                                     int attempts) {
        QueueClient api = new QueueClient(cloud.apiUrl(), account.key());
        QueueClient.Reply done = api.awaitCompleted(id, LifecycleTest.RENDER_TIMEOUT, Duration.ofMillis(250),
                status -> { });
        assertEquals("COMPLETED", done.text("status"));
        assertEquals(200, api.result(id).status(), "one result, from the worker that finished it");
        StickerRequest stored = TestClouds.requests(cloud).find(id).orElseThrow();
        assertEquals(attempts, stored.attempts());
        assertEquals(BigDecimal.ONE.subtract(SQUARE_PRICE),
                TestKeys.settledAccount(api, account.accountId()).path("balance_usd").decimalValue(), "charged once");
    }

    /** A request accepted {@code ago} (its price held) whose job never reached the queue. */
    private static String submittedWithoutAJob(LocalCloud cloud, TestKeys.Opened account, Duration ago) {
        Config config = Config.of(cloud.environment()::get);
        SdkClients clients = new SdkClients(config);
        Settings settings = Settings.from(config);
        DynamoRequestStore store = new DynamoRequestStore(clients.dynamo(), settings.table());
        DynamoAccountStore accounts = new DynamoAccountStore(clients.dynamo(),
                BillingSettings.from(config).accountsTable());
        S3ObjectStore objects = new S3ObjectStore(clients::s3, clients::presigner, settings.bucket());
        Clock then = Clock.fixed(Instant.now().minus(ago), ZoneOffset.UTC);
        Completion completion = new Completion(store, objects,
                List.of(new CreditSettlement(store, accounts, then), new RunningSlots(accounts)), then);
        SubmitService submit = new SubmitService(store, objects, (requestId, delay) -> { }, accounts,
                BillingSettings.from(config).pricing(), completion, settings.retention(), then);
        Caller caller = new Caller(account.accountId(), account.key().substring(0, account.key().indexOf(':')),
                "test", Scope.API);
        SubmitOutcome outcome = submit.accept(new Submission(SQUARE, null, caller),
                ApiUrls.resolve(Optional.of(cloud.apiUrl().toString()), Map.of(), null));
        return ((SubmitOutcome.Accepted) outcome).request().id();
    }
}
