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
    JOB_QUEUE_URL("STICKER_JOB_QUEUE_URL", null, "the SQS queue of generation jobs (the worker queues a job again "
            + "while its account is at its concurrency limit; the sweeper, when a job was lost)",
            Set.of(Readers.SUBMIT, Readers.INGEST, Readers.WORKER, Readers.SWEEPER), null),
    WORKER_TIMEOUT_SECONDS("STICKER_WORKER_TIMEOUT_SECONDS", "60", "the worker function's timeout: a job IN_PROGRESS "
            + "for longer has lost its worker, and its job may be taken over", Set.of(Readers.WORKER, Readers.SWEEPER),
            "WorkerTimeoutSeconds"),
    SWEEP_QUEUED_AFTER_SECONDS("STICKER_SWEEP_QUEUED_AFTER_SECONDS", "120", "how long a request may wait IN_QUEUE "
            + "with no sign of its job before the sweeper queues the job again", Set.of(Readers.SWEEPER),
            "SweepQueuedAfterSeconds"),
    SWEEP_MAX_REQUEUES("STICKER_SWEEP_MAX_REQUEUES", "3", "how many times the sweeper queues a request's job again "
            + "before it ends the request with an error", Set.of(Readers.SWEEPER), null),
    REMOTE_TIMEOUT_SECONDS("STICKER_REMOTE_TIMEOUT_SECONDS", "900", "how long a provider elsewhere may take before "
            + "the sweeper ends the request with an error", Set.of(Readers.SWEEPER), "RemoteTimeoutSeconds"),
    WEBHOOK_QUEUE_URL("STICKER_WEBHOOK_QUEUE_URL", "",
            "the SQS queue of webhook deliveries; empty where nothing queues them",
            Set.of(Readers.FETCH, Readers.WEBHOOK, Readers.WORKER, Readers.DEAD_LETTER, Readers.DELIVERY,
                    Readers.SWEEPER), null),
    PUBLIC_URL("STICKER_PUBLIC_URL", "",
            "the API's public base URL for the URLs it returns; empty derives it from each request", Readers.ALL,
            "PublicBaseUrl"),
    REMOTE_WORKER_URL("STICKER_REMOTE_WORKER_URL", "", "with `http`, where jobs are sent (docs/remote-backend.md)",
            Readers.REMOTE_BACKENDS, "RemoteWorkerUrl"),
    BACKENDS("STICKER_BACKENDS", "builtin",
            "the backends a request is tried on, in order, comma-separated: `fal`, `replicate`, `comfyui`, `http`, "
                    + "`builtin` (see docs/backends.md)",
            Readers.REMOTE_BACKENDS, "Backends"),
    CIRCUIT_FAILURES("STICKER_CIRCUIT_FAILURES", "5", "failures in a row after which a backend is skipped for a "
            + "while", Readers.FAILING_OVER, null),
    CIRCUIT_COOLDOWN_SECONDS("STICKER_CIRCUIT_COOLDOWN_SECONDS", "60", "how long a backend that keeps failing is "
            + "skipped before it is tried again", Readers.FAILING_OVER, null),
    FAL_QUEUE_URL("STICKER_FAL_QUEUE_URL", "https://queue.fal.run", "with `fal`, fal's queue",
            Readers.REMOTE_BACKENDS, "FalQueueUrl"),
    FAL_JWKS_URL("STICKER_FAL_JWKS_URL", "https://rest.alpha.fal.ai/.well-known/jwks.json",
            "with `fal`, the keys fal signs its webhooks with", Readers.REMOTE_BACKENDS, "FalJwksUrl"),
    FAL_KEY_PARAMETER("STICKER_FAL_KEY_PARAMETER", "", "the SSM SecureString holding the fal API key",
            Readers.REMOTE_BACKENDS, "FalKeyParameterName"),
    FAL_KEY("STICKER_FAL_KEY", "",
            "the fal API key itself, in place of its SSM parameter (locally from `FAL_KEY`; never on AWS)",
            Readers.REMOTE_BACKENDS, null),
    REPLICATE_API_URL("STICKER_REPLICATE_API_URL", "https://api.replicate.com", "with `replicate`, Replicate's API",
            Readers.REMOTE_BACKENDS, "ReplicateApiUrl"),
    REPLICATE_MODEL_VERSION("STICKER_REPLICATE_MODEL_VERSION",
            "764d4827ea159608a07cdde8ddf1c6000019627515eb02b6b449695fd547e5ef",
            "with `replicate`, the version of `fofr/face-to-sticker` to run", Readers.REMOTE_BACKENDS,
            "ReplicateModelVersion"),
    REPLICATE_API_TOKEN_PARAMETER("STICKER_REPLICATE_API_TOKEN_PARAMETER", "",
            "the SSM SecureString holding the Replicate API token", Readers.REMOTE_BACKENDS,
            "ReplicateApiTokenParameterName"),
    REPLICATE_API_TOKEN("STICKER_REPLICATE_API_TOKEN", "",
            "the Replicate API token itself, in place of its SSM parameter (locally from `REPLICATE_API_TOKEN`; never "
                    + "on AWS)", Readers.REMOTE_BACKENDS, null),
    REPLICATE_WEBHOOK_SECRET_PARAMETER("STICKER_REPLICATE_WEBHOOK_SECRET_PARAMETER", "",
            "the SSM SecureString holding Replicate's webhook signing secret (`whsec_...`)", Readers.REMOTE_BACKENDS,
            "ReplicateWebhookSecretParameterName"),
    REPLICATE_WEBHOOK_SECRET("STICKER_REPLICATE_WEBHOOK_SECRET", "",
            "Replicate's webhook secret itself, in place of its SSM parameter (locally from "
                    + "`REPLICATE_WEBHOOK_SECRET`; never on AWS)", Readers.REMOTE_BACKENDS, null),
    COMFYUI_URL("STICKER_COMFYUI_URL", "", "with `comfyui`, the ComfyUI server", Readers.REMOTE_BACKENDS,
            "ComfyUiUrl"),
    COMFYUI_HEADER("STICKER_COMFYUI_HEADER", "",
            "with `comfyui`, a `Name: value` header sent on every call, for an authenticating proxy in front of it",
            Readers.REMOTE_BACKENDS, "ComfyUiHeader"),
    COMFYUI_CHECKPOINT("STICKER_COMFYUI_CHECKPOINT", "sd_xl_base_1.0.safetensors",
            "with `comfyui`, the SDXL checkpoint the workflow loads", Readers.REMOTE_BACKENDS, "ComfyUiCheckpoint"),
    COMFYUI_LORA("STICKER_COMFYUI_LORA", "StickersRedmond.safetensors",
            "with `comfyui`, the sticker-style SDXL LoRA the workflow loads", Readers.REMOTE_BACKENDS, "ComfyUiLora"),
    COMFYUI_INSTANTID_MODEL("STICKER_COMFYUI_INSTANTID_MODEL", "ip-adapter.bin",
            "with `comfyui`, the InstantID model the workflow loads", Readers.REMOTE_BACKENDS,
            "ComfyUiInstantIdModel"),
    COMFYUI_INSTANTID_CONTROLNET("STICKER_COMFYUI_INSTANTID_CONTROLNET",
            "instantid/diffusion_pytorch_model.safetensors",
            "with `comfyui`, the InstantID ControlNet the workflow loads",
            Readers.REMOTE_BACKENDS, "ComfyUiInstantIdControlNet"),
    COMFYUI_IPADAPTER_MODEL("STICKER_COMFYUI_IPADAPTER_MODEL", "ip-adapter-plus_sdxl_vit-h.safetensors",
            "with `comfyui`, the SDXL IP-Adapter the workflow loads", Readers.REMOTE_BACKENDS,
            "ComfyUiIpAdapterModel"),
    COMFYUI_CLIP_VISION("STICKER_COMFYUI_CLIP_VISION", "CLIP-ViT-H-14-laion2B-s32B-b79K.safetensors",
            "with `comfyui`, the CLIP vision encoder the IP-Adapter needs", Readers.REMOTE_BACKENDS,
            "ComfyUiClipVision"),
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
        static final String SWEEPER = "SweeperFunction";

        static final Set<String> ALL = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, DELIVERY, INGEST, AUTHORIZER,
                PLATFORM, SWEEPER);
        static final Set<String> REQUESTS = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, DELIVERY, INGEST,
                SWEEPER);
        static final Set<String> BILLING = Set.of(SUBMIT, FETCH, WEBHOOK, WORKER, DEAD_LETTER, INGEST, AUTHORIZER,
                PLATFORM, SWEEPER);
        static final Set<String> API = Set.of(SUBMIT, FETCH, WEBHOOK, PLATFORM);
        static final Set<String> SUBMITTING = Set.of(SUBMIT, INGEST);
        static final Set<String> CALLING_BACK = Set.of(WEBHOOK, WORKER);
        static final Set<String> FETCHING_URLS = Set.of(WEBHOOK, WORKER, DELIVERY);
        /** Dispatch, poll and cancel in the worker, callbacks in the webhook route. */
        static final Set<String> REMOTE_BACKENDS = Set.of(WORKER, WEBHOOK);
        /** Whoever moves a request off a failing backend: the worker, the callbacks, the sweeper. */
        static final Set<String> FAILING_OVER = Set.of(WORKER, WEBHOOK, SWEEPER);
        static final String ENDPOINT_MEANING =
                "an endpoint override for that AWS service (the local cloud and `sam local invoke` set them)";

        private Readers() {
        }
    }
}
