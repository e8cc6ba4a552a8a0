package dev.switchboard.webhook;

/** Sends one signed delivery over HTTP (implemented by the server). Thread-safe. */
public interface WebhookSender {
    /**
     * POSTs {@code body} to {@code url} with the Standard Webhooks headers; the HTTP status, or a {@link Response}
     * with status null and an error when no answer came (refused target, connection, timeout).
     */
    Response send(String url, java.util.Map<String, String> headers, byte[] body);

    record Response(Integer status, String error) {
        public boolean ok() {
            return status != null && status >= 200 && status < 300;
        }
    }
}
