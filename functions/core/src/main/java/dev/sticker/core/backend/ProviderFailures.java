package dev.sticker.core.backend;

import com.fasterxml.jackson.databind.JsonNode;
import dev.sticker.core.guard.GuardedHttp.Answer;
import dev.sticker.core.port.BackendOutcome;
import dev.sticker.core.request.Failure;
import dev.sticker.core.wire.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Whose fault an unsuccessful call to a provider is, the same for every provider. A 422 is the caller's (the
 * provider refused the input); everything else is the provider's, and moves the request to the next backend: a
 * URL the guard refused, no connection or no answer in time, 5xx, 429 (the provider's own retries are spent by
 * then), and 401/402/403, which are the operator's credentials or balance, never the caller's: logged loudly.
 */
final class ProviderFailures {

    private static final Logger LOG = LoggerFactory.getLogger(ProviderFailures.class);
    private static final Pattern NO_FACE = Pattern.compile(
            "no faces? (were |was )?(detected|found)|face (was )?not (detected|found)"
                    + "|could not (detect|find) (a )?face",
            Pattern.CASE_INSENSITIVE);

    private ProviderFailures() {
    }

    /**
     * The failure for an answer that is not a success.
     *
     * @param provider the backend's name, for logs and the message
     * @param action   what was attempted, e.g. "submit"
     */
    static BackendOutcome.Failed of(String provider, String action, Answer answer) {
        if (answer instanceof Answer.Refused refused) {
            LOG.error("{} {}: the request-forgery guard refused the provider's URL ({}); check its setting", provider,
                    action, refused.reason());
            return providers(provider + " URL refused by the request-forgery guard");
        }
        if (answer instanceof Answer.Unreachable unreachable) {
            LOG.warn("{} {}: unreachable ({})", provider, action, unreachable.reason());
            return providers(provider + " unreachable: " + unreachable.reason());
        }
        int status = ((Answer.Response) answer).status();
        if (status == 401 || status == 402 || status == 403) {
            LOG.error("{} {}: HTTP {}: the configured credentials were refused or the account has no balance left",
                    provider, action, status);
            return providers(provider + " refused our credentials (HTTP " + status + ")");
        }
        if (status == 429) {
            LOG.warn("{} {}: rate limited (HTTP 429)", provider, action);
            return providers(provider + " is rate limiting (HTTP 429)");
        }
        LOG.warn("{} {}: HTTP {}", provider, action, status);
        return providers(provider + " answered HTTP " + status);
    }

    static BackendOutcome.Failed providers(String message) {
        return BackendOutcome.Failed.providers(Failure.internal(message));
    }

    /**
     * The caller's failure in a FastAPI-style 422 body {@code {"detail": [{loc, msg, type}, ...]}}: the first entry,
     * its field being the path after {@code body}; empty when the body has no such list.
     */
    static Optional<BackendOutcome.Failed> validation(JsonNode body) {
        JsonNode detail = body.path("detail");
        if (!detail.isArray() || detail.isEmpty() || !detail.get(0).isObject()) {
            return Optional.empty();
        }
        JsonNode first = detail.get(0);
        List<String> path = new ArrayList<>();
        first.path("loc").forEach(part -> path.add(part.asText()));
        if (!path.isEmpty() && path.get(0).equals("body")) {
            path.remove(0);
        }
        String field = path.isEmpty() ? "body" : String.join(".", path);
        return Optional.of(BackendOutcome.Failed.callers(Failure.invalidInput(field,
                first.path("type").asText("value_error"), first.path("msg").asText("Invalid input"))));
    }

    /**
     * The caller's failure when a provider's error message says the photo has no face (its pipeline found none to
     * build the sticker on); empty for any other message, which is the provider's failure.
     */
    static Optional<BackendOutcome.Failed> noFace(String message) {
        return NO_FACE.matcher(message).find() ? Optional.of(BackendOutcome.Failed.callers(
                Failure.invalidInput("image_url", "value_error.no_face", "No face found in the image")))
                : Optional.empty();
    }

    /** The JSON of a body, or a missing node when it is not JSON. */
    static JsonNode json(byte[] body) {
        try {
            JsonNode root = body.length == 0 ? null : Json.MAPPER.readTree(body);
            return root == null ? Json.MAPPER.missingNode() : root;
        } catch (java.io.IOException notJson) {
            return Json.MAPPER.missingNode();
        }
    }
}
