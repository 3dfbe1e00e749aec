package dev.sticker.core.port;

import java.util.Map;

/** POSTs a signed webhook body to the caller's URL. */
public interface WebhookSender {

    SendResult post(String url, Map<String, String> headers, byte[] body);

    /** How one POST went. */
    sealed interface SendResult {
        /** The receiver answered; 2xx means delivered. */
        record Answered(int status) implements SendResult {
            public boolean delivered() {
                return status >= 200 && status <= 299;
            }
        }

        /** No answer: refused connection, timeout, TLS failure. Worth retrying. */
        record Unreachable(String reason) implements SendResult {
        }

        /** The request-forgery guard refused the URL; retrying cannot help. */
        record Refused(String reason) implements SendResult {
        }
    }
}
