package dev.switchboard.outbound;

import dev.switchboard.webhook.RefusedTarget;
import dev.switchboard.webhook.WebhookSender;
import dev.switchboard.webhook.WebhookTargets;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.InputStreamResponseListener;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.eclipse.jetty.util.thread.ScheduledExecutorScheduler;

/**
 * Sends webhook deliveries with Jetty's HTTP client: no redirects (a redirect could lead to a refused address), 5 s
 * to connect, 10 s for the answer, whose body is not read. The client connects only to addresses its own resolver
 * has just checked ({@link WebhookTargets}): the name is resolved once per connection and the checked addresses are
 * the ones dialled, so a DNS answer that changes between the check and the connection (DNS rebinding) cannot lead it
 * to a private address. Thread-safe; {@link #close()} when done.
 */
public final class HttpWebhookSender implements WebhookSender, AutoCloseable {
    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);

    private final HttpClient client;
    /**
     * The client's start, on a thread of its own: it loads the JDK's TLS trust store and SSL context, a few hundred
     * milliseconds that would otherwise delay the server's readiness.
     */
    private final CompletableFuture<Void> started;

    public HttpWebhookSender(boolean allowPrivate) {
        QueuedThreadPool threads = new QueuedThreadPool();
        threads.setName("webhook-client");
        threads.setDaemon(true);
        client = new HttpClient();
        client.setExecutor(threads);
        // Daemon threads throughout: a sender nobody closed must not keep the JVM alive.
        client.setScheduler(new ScheduledExecutorScheduler("webhook-client-scheduler", true));
        client.setFollowRedirects(false);
        client.setConnectTimeout(CONNECT_TIMEOUT.toMillis());
        client.setUserAgentField(new HttpField(HttpHeader.USER_AGENT, "Switchboard-Webhooks"));
        client.setSocketAddressResolver(new CheckingResolver(allowPrivate));
        started = new CompletableFuture<>();
        Thread.ofPlatform().name("webhook-client-start").daemon().start(() -> {
            try {
                client.start();
                started.complete(null);
            } catch (Exception | Error e) {
                started.completeExceptionally(e);
            }
        });
    }

    /**
     * Waits until the client has started.
     *
     * @throws IllegalStateException when it could not start
     */
    public void awaitStarted() {
        try {
            started.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot start the webhook HTTP client", e.getCause());
        }
    }

    /** Resolves a target's host and hands the client only addresses that pass the SSRF guard. */
    private record CheckingResolver(boolean allowPrivate) implements SocketAddressResolver {
        @Override
        public void resolve(
                String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
            try {
                List<InetAddress> checked =
                        WebhookTargets.resolve(URI.create("http://" + bracketed(host)), allowPrivate);
                promise.succeeded(checked.stream()
                        .map(address -> new InetSocketAddress(address, port))
                        .toList());
            } catch (RefusedTarget | IllegalArgumentException e) {
                promise.failed(e);
            }
        }

        private static String bracketed(String host) {
            return host.indexOf(':') >= 0 && !host.startsWith("[") ? "[" + host + "]" : host;
        }
    }

    @Override
    public Response send(String url, Map<String, String> headers, byte[] body) {
        awaitStarted();
        Request request;
        try {
            URI uri = URI.create(url);
            request = client.newRequest(uri)
                    .method(HttpMethod.POST)
                    .timeout(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)
                    .headers(fields -> headers.forEach(fields::put))
                    .body(new BytesRequestContent(headers.getOrDefault("content-type", "application/json"), body));
        } catch (IllegalArgumentException e) {
            return new Response(null, "refused target: " + e.getMessage());
        }
        InputStreamResponseListener listener = new InputStreamResponseListener();
        request.send(listener);
        try {
            org.eclipse.jetty.client.Response response =
                    listener.get(REQUEST_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            try (InputStream ignored = listener.getInputStream()) {
                return new Response(response.getStatus(), null); // the body is not read: closing discards it
            }
        } catch (TimeoutException e) {
            request.abort(e);
            return new Response(null, "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (ExecutionException e) {
            return new Response(null, describe(e.getCause()));
        } catch (IOException e) {
            return new Response(null, "request failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            request.abort(e);
            return new Response(null, "interrupted");
        }
    }

    private static String describe(Throwable failure) {
        if (failure instanceof RefusedTarget) {
            return "refused target: " + failure.getMessage();
        }
        if (failure instanceof TimeoutException) {
            return "no answer within " + REQUEST_TIMEOUT.toSeconds() + " s";
        }
        String detail = failure.getMessage() == null ? "" : ": " + failure.getMessage();
        return (failure instanceof ConnectException ? "connection failed" : "request failed") + detail;
    }

    @Override
    public void close() {
        started.exceptionally(failure -> null).join();
        try {
            client.stop();
        } catch (Exception e) {
            throw new IllegalStateException("cannot stop the webhook HTTP client", e);
        }
    }
}
