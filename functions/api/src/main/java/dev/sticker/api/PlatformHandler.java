package dev.sticker.api;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import dev.sticker.core.account.Caller;
import dev.sticker.core.account.Platform;
import dev.sticker.core.config.Settings;
import dev.sticker.core.wire.ApiReply;
import dev.sticker.core.wire.FalWire;
import io.micronaut.context.ApplicationContext;

import java.util.Map;
import java.util.Optional;

/**
 * The Platform API ({@code /v1/...}): keys and accounts for ADMIN keys, pricing, estimates, billing and usage for
 * any key (see {@link Platform}).
 */
public final class PlatformHandler extends ApiFunction {

    private final Platform platform;
    private final Access access;

    /** Used by Lambda. */
    public PlatformHandler() {
        this(startContext());
    }

    private PlatformHandler(ApplicationContext beans) {
        this(beans, beans.getBean(Platform.class), beans.getBean(Access.class), beans.getBean(Settings.class));
    }

    public PlatformHandler(Platform platform, Access access, Settings settings) {
        this(null, platform, access, settings);
    }

    private PlatformHandler(ApplicationContext beans, Platform platform, Access access, Settings settings) {
        super(beans, settings.allowedOrigin());
        this.platform = platform;
        this.access = access;
    }

    @Override
    ApiReply answer(APIGatewayProxyRequestEvent event) {
        Access.Admission admission = access.keyed(event);
        if (admission instanceof Access.Admission.Refused refused) {
            return refused.reply();
        }
        Caller caller = ((Access.Admission.Admitted) admission).caller();
        String body = Gateway.body(event);
        Map<String, String> query = Optional.ofNullable(event.getQueryStringParameters()).orElse(Map.of());
        String account = Gateway.pathParameter(event, "account_id");
        return switch (event.getHttpMethod() + " " + event.getResource()) {
            case "POST /v1/keys" -> platform.createKey(caller, body);
            case "GET /v1/keys" -> platform.listKeys(caller, query.get("account_id"));
            case "DELETE /v1/keys/{key_id}" -> platform.revokeKey(caller, Gateway.pathParameter(event, "key_id"));
            case "POST /v1/accounts" -> platform.createAccount(caller, body);
            case "GET /v1/accounts/{account_id}" -> platform.account(caller, account);
            case "PATCH /v1/accounts/{account_id}" -> platform.updateAccount(caller, account, body);
            case "POST /v1/accounts/{account_id}/credits" -> platform.credit(caller, account, body);
            case "GET /v1/accounts/{account_id}/ledger" -> platform.ledger(caller, account);
            case "GET /v1/account/billing" -> platform.billing(caller, query.get("expand"));
            case "GET /v1/models/pricing" -> platform.prices(query.get("endpoint_id"));
            case "POST /v1/models/pricing/estimate" -> platform.estimate(caller, body);
            case "GET /v1/models/usage" -> platform.usage(caller, query);
            default -> FalWire.error(404, "Not found");
        };
    }
}
