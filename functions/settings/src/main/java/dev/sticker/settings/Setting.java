package dev.sticker.settings;

import java.util.Set;

/**
 * Every setting a function reads, in one table: the environment variable, its default, what it means, which template
 * functions read it and which template parameter sets it. The README's configuration section is checked against this
 * table, the local cloud and {@code ./sticker up --help} name settings from it, and {@link Config} is the one lookup.
 */
public enum Setting {

    TABLE("STICKER_TABLE", null, "the DynamoDB table of requests", Readers.REQUESTS, null),
    ACCOUNTS_TABLE("STICKER_ACCOUNTS_TABLE", null,
            "the DynamoDB table of accounts, keys, ledgers, usage records and rate windows", Readers.BILLING, null),
    BUCKET("STICKER_BUCKET", null, "the S3 bucket of inputs and results", Readers.REQUESTS, null),
    JOB_QUEUE_URL("STICKER_JOB_QUEUE_URL", null, "the SQS queue of generation jobs (the worker queues a job again while its account is at its concurrency limit)", Set.of(Readers.SUBMIT, Readers.INGEST, Readers.WORKER), null),
    WEBHOOK_QUEUE_URL("STICKER_WEBHOOK_QUEUE_URL", "",
            "the SQS queue of webhook deliveries; empty where nothing queues them",
            Set.of(Readers.FETCH, Readers.WEBHOOK, Readers.WORKER, Readers.DEAD_LETTER, Readers.DELIVERY), null),
    PUBLIC_URL("STICKER_PUBLIC_URL", "",
            "the API's public base URL for the URLs it returns; empty derives it from each request", Readers.ALL,
            "PublicBaseUrl"),
    BACKEND("STICKER_BACKEND", "builtin",
            "`builtin` (CPU engine in the worker) or `http` (a remote worker, see docs/remote-backend.md)",
            Readers.GENERATING, "Backend"),
    REMOTE_WORKER_URL("STICKER_REMOTE_WORKER_URL", "", "with `http`, where jobs are sent", Readers.GENERATING,
            "RemoteWorkerUrl"),
    URL_ALLOWLIST("STICKER_URL_ALLOWLIST", "",
            "`host[:port]` entries the request-forgery guard lets through although private (local development only)",
            Readers.FETCHING_URLS, "UrlAllowlist"),
    RETENTION_DAYS("STICKER_RETENTION_DAYS", "7", "how long requests, inputs and results are kept, in days",
            Readers.SUBMITTING, "RetentionDays"),
    ALLOWED_ORIGIN("STICKER_ALLOWED_ORIGIN", "*", "the origin browsers may call the API from, `*` for any",
            Readers.API, "AllowedOrigins"),
    UNIT_PRICE_USD("STICKER_UNIT_PRICE_USD", "0.02",
            "the price of one output megapixel of a sticker (the background-removed copy included), in USD",
            Set.of(Readers.SUBMIT, Readers.INGEST, Readers.PLATFORM), "UnitPriceUsd"),
    INGEST_ACCOUNT("STICKER_INGEST_ACCOUNT", "operator", "the account photos dropped into S3 are billed to",
            Set.of(Readers.INGEST), "IngestAccountId"),
    PUBLISHABLE_ORIGINS("STICKER_PUBLISHABLE_ORIGINS", "",
            "browser origins allowed to call `/fal/browser-proxy` without a key, each billed to an account: "
                    + "`https://app.example.com=acct_1,...`; empty turns publishable access off",
            Set.of(Readers.SUBMIT, Readers.FETCH), "PublishableOrigins"),
    PUBLISHABLE_RATE_PER_MINUTE("STICKER_PUBLISHABLE_RATE_PER_MINUTE", "30",
            "calls per minute one IP address may make through publishable access", Set.of(Readers.SUBMIT,
            Readers.FETCH), "PublishableRatePerMinute"),
    STREAM_DEADLINE_SECONDS("STICKER_STREAM_DEADLINE_SECONDS", "25",
            "how long the status stream waits for completion before answering (1 to 28: API Gateway ends calls at 29 s)",
            Set.of(Readers.FETCH), null),
    CALLBACK_SECRET_PARAMETER("STICKER_CALLBACK_SECRET_PARAMETER", "",
            "the SSM SecureString holding the secret that signs remote-worker jobs and callbacks",
            Readers.CALLING_BACK, "CallbackSecretParameterName"),
    CALLBACK_SECRET("STICKER_CALLBACK_SECRET", "",
            "the callback secret itself, in place of its SSM parameter (the local cloud sets it; never on AWS)",
            Readers.CALLING_BACK, null),
    ADMIN_KEY_PARAMETER("STICKER_ADMIN_KEY_PARAMETER", "",
            "the SSM SecureString holding the operator's bootstrap ADMIN key (`key_id:key_secret`)",
            Set.of(Readers.AUTHORIZER), "AdminKeyParameterName"),
    ADMIN_KEY("STICKER_ADMIN_KEY", "",
            "the bootstrap ADMIN key itself, in place of its SSM parameter (never on AWS)", Set.of(Readers.AUTHORIZER),
            null),
    WEBHOOK_KEY_PARAMETER("STICKER_WEBHOOK_KEY_PARAMETER", "",
            "the SSM SecureString holding the Ed25519 key (PKCS#8 PEM) that signs webhooks to callers",
            Set.of(Readers.FETCH, Readers.DELIVERY), "WebhookKeyParameterName"),
    WEBHOOK_KEY("STICKER_WEBHOOK_KEY", "",
            "the webhook signing key itself, in place of its SSM parameter (the local cloud sets it; never on AWS)",
            Set.of(Readers.FETCH, Readers.DELIVERY), null),
    WEBHOOK_BACKOFF_SECONDS("STICKER_WEBHOOK_BACKOFF_SECONDS", "15",
            "wait after the first failed webhook attempt, doubled after each further one (tests use 1)",
            Set.of(Readers.DELIVERY), "WebhookBackoffSeconds"),
    WEBHOOK_API_URL("STICKER_WEBHOOK_API_URL", "",
            "the API's base URL for result URLs in webhook payloads; empty means `STICKER_PUBLIC_URL`",
            Set.of(Readers.DELIVERY), null),
    ENDPOINT_DYNAMODB("STICKER_ENDPOINT_DYNAMODB", "", Readers.ENDPOINT_MEANING, Readers.ALL, null),
    ENDPOINT_S3("STICKER_ENDPOINT_S3", "", Readers.ENDPOINT_MEANING, Readers.ALL, null),
    ENDPOINT_SQS("STICKER_ENDPOINT_SQS", "", Readers.ENDPOINT_MEANING, Readers.ALL, null),
    ENDPOINT_SSM("STICKER_ENDPOINT_SSM", "", Readers.ENDPOINT_MEANING, Readers.ALL, null);

    private final String variable;
    private final String defaultValue;
    private final String meaning;
    private final Set<String> readers;
    private final String parameter;

    Setting(String variable, String defaultValue, String meaning, Set<String> readers, String parameter) {
        this.variable = variable;
        this.defaultValue = defaultValue;
        this.meaning = meaning;
        this.readers = Set.copyOf(readers);
        this.parameter = parameter;
    }

    /** The environment variable (and JVM system property) the setting is read from. */
    public String variable() {
        return variable;
    }

    /** The value when unset; null for a setting that has none (the template always sets it). */
    public String defaultValue() {
        return defaultValue;
    }

    /** One line for a reader of the configuration table (Markdown). */
    public String meaning() {
        return meaning;
    }

    /** The template functions (logical ids) that read this setting. */
    public Set<String> readers() {
        return readers;
    }

    /** The template parameter that sets it, or null when the template sets it from a resource or not at all. */
    public String parameter() {
        return parameter;
    }

    /** Function names, and groups of them, as the template declares them. */
    static final class Readers {
        static final String SUBMIT = "SubmitFunction";
        static final String FETCH = "FetchFunction";
        static final String WEBHOOK = "WebhookFunction";
        static final String WORKER = "WorkerFunction";
        static final String DEAD_LETTER = "DeadLetterFunction";
        static final String DELIVERY = "DeliveryFunction";
        static final String INGEST = "IngestFunction";
        static final String AUTHORIZER = "AuthorizerFunction";
        static final String PLATFORM = "PlatformFunction";

        static final Set<String> ALL = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, DELIVERY, INGEST, AUTHORIZER,
                PLATFORM);
        static final Set<String> REQUESTS = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, DELIVERY, INGEST);
        static final Set<String> BILLING = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, INGEST, AUTHORIZER,
                PLATFORM);
        static final Set<String> API = Set.of(SUBMIT, FETCH, WEBHOOK, PLATFORM);
        static final Set<String> SUBMITTING = Set.of(SUBMIT, INGEST);
        static final Set<String> GENERATING = Set.of(WORKER);
        static final Set<String> CALLING_BACK = Set.of(WEBHOOK, WORKER);
        static final Set<String> FETCHING_URLS = Set.of(WEBHOOK, WORKER, DELIVERY);
        static final String ENDPOINT_MEANING =
                "an endpoint override for that AWS service (the local cloud and `sam local invoke` set them)";

        private Readers() {
        }
    }
}
