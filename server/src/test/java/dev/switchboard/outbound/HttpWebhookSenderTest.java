package dev.switchboard.outbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.switchboard.webhook.WebhookSender;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The webhook sender against a real local HTTP server: what it sends, that it follows no redirect, how failures read,
 * and that its own resolver refuses private addresses at connection time unless they are allowed.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class HttpWebhookSenderTest {
    private static final Map<String, String> HEADERS = Map.of(
            "webhook-id", "01a1fd12-d2a8-7000-a327-20039b119449",
            "webhook-timestamp", "1763717400",
            "webhook-signature", "v1,abc=",
            "content-type", "application/json");

    private final Map<String, String> received = new ConcurrentHashMap<>();
    private HttpServer server;
    private HttpWebhookSender allowing;
    private HttpWebhookSender guarding;

    @BeforeAll
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/hook", exchange -> {
            received.put("method", exchange.getRequestMethod());
            exchange.getRequestHeaders().forEach((name, values) -> received.put(name.toLowerCase(), values.getFirst()));
            received.put("body", new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            byte[] answer = "thanks, a long answer nobody reads".repeat(10_000).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.createContext("/moved", exchange -> {
            exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/meta-data");
            exchange.sendResponseHeaders(302, -1);
            exchange.close();
        });
        server.start();
        allowing = new HttpWebhookSender(true);
        guarding = new HttpWebhookSender(false);
    }

    @AfterAll
    void stop() {
        allowing.close();
        guarding.close();
        server.stop(0);
    }

    private String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Test
    void postsTheSignedBodyWithItsHeaders_andReadsOnlyTheStatus() {
        byte[] body = "{\"type\":\"escalation.created\",\"title\":\"استرداد 退款\"}".getBytes(StandardCharsets.UTF_8);

        WebhookSender.Response response = allowing.send(url("/hook"), HEADERS, body);

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.error()).isNull();
        assertThat(received)
                .containsEntry("method", "POST")
                .containsEntry("webhook-id", HEADERS.get("webhook-id"))
                .containsEntry("webhook-timestamp", HEADERS.get("webhook-timestamp"))
                .containsEntry("webhook-signature", HEADERS.get("webhook-signature"))
                .containsEntry("content-type", "application/json")
                .containsEntry("user-agent", "Switchboard-Webhooks")
                .containsEntry("body", new String(body, StandardCharsets.UTF_8));
    }

    @Test
    void followsNoRedirect() {
        WebhookSender.Response response = allowing.send(url("/moved"), HEADERS, new byte[0]);

        assertThat(response.status()).isEqualTo(302);
    }

    @Test
    void refusesPrivateAddressesWhenItConnects_unlessAllowed() {
        for (String target : new String[] {
            url("/hook"), "http://localhost:" + server.getAddress().getPort() + "/hook"
        }) {
            WebhookSender.Response refused = guarding.send(target, HEADERS, new byte[0]);
            assertThat(refused.status()).as(target).isNull();
            assertThat(refused.error())
                    .as(target)
                    .startsWith("refused target: ")
                    .contains("public addresses");
        }
    }

    @Test
    void aClosedPortIsAFailedConnection() throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        WebhookSender.Response response = allowing.send("http://127.0.0.1:" + closed + "/", HEADERS, new byte[0]);

        assertThat(response.status()).isNull();
        assertThat(response.error()).startsWith("connection failed");
    }

    @Test
    void aHostThatDoesNotResolveIsRefused() {
        WebhookSender.Response response = guarding.send("http://no-such-host.invalid/hook", HEADERS, new byte[0]);

        assertThat(response.status()).isNull();
        assertThat(response.error()).startsWith("refused target: ").contains("does not resolve");
    }
}
