package dev.switchboard.outbound;

import dev.switchboard.webhook.RefusedTarget;
import dev.switchboard.webhook.WebhookSender;
import dev.switchboard.webhook.WebhookTargets;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;

/**
 * Sends webhook deliveries with the JDK's HTTP client: no redirects (a redirect could lead to a refused address),
 * 5 s to connect, 10 s for the answer, whose body is discarded. The target is resolved and checked again right before
 * each attempt, as DNS may have changed since the subscription was saved. Thread-safe.
 */
public final class HttpWebhookSender implements WebhookSender {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client = HttpClient.newBuilder()
            .connectTimeout(CONNECT_TIMEOUT)
            .followRedirects(HttpClient.Redirect.NEVER)
            .build();
    private final boolean allowPrivate;

    public HttpWebhookSender(boolean allowPrivate) {
        this.allowPrivate = allowPrivate;
    }

    @Override
    public Response send(String url, Map<String, String> headers, byte[] body) {
        URI uri;
        try {
            uri = URI.create(url);
            WebhookTargets.resolve(uri, allowPrivate);
        } catch (RefusedTarget | IllegalArgumentException e) {
            return new Response(null, "refused target: " + e.getMessage());
        }
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("user-agent", "Switchboard-Webhooks")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        try {
            HttpResponse<Void> response = client.send(request.build(), HttpResponse.BodyHandlers.discarding());
            return new Response(response.statusCode(), null);
        } catch (HttpTimeoutException e) {
            return new Response(null, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ConnectException e) {
            return new Response(null, "connection failed" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (IOException | IllegalArgumentException e) {
            return new Response(null, "request failed" + (e.getMessage() == null ? "" : ": " + e.getMessage()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Response(null, "interrupted");
        }
    }
}
