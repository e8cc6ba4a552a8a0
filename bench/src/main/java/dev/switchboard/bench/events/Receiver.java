package dev.switchboard.bench.events;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.switchboard.webhook.WebhookSignature;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The webhook receiver: the JDK's HTTP server on 127.0.0.1 in this JVM, one virtual thread per exchange. It answers
 * every delivery {@code 204}, checks its Standard Webhooks signature, counts deliveries per {@code webhook-id} (to
 * find any that came twice), and keeps each one's receipt time and lag: receipt − the event's {@code occurred_at}.
 * Thread-safe.
 */
final class Receiver implements AutoCloseable {
    private static final String OCCURRED_AT = "\"occurred_at\":\"";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor();
    private final Map<String, AtomicInteger> perId = new ConcurrentHashMap<>();
    private final Set<String> connections = ConcurrentHashMap.newKeySet();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong badSignatures = new AtomicLong();
    private final Object lock = new Object();
    private long[] receiptMicros = new long[1 << 16];
    private long[] lagMicros = new long[1 << 16];
    private int samples;
    private volatile String secret;

    private Receiver(HttpServer server) {
        this.server = server;
    }

    static Receiver start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 1024);
        Receiver receiver = new Receiver(server);
        server.createContext("/hooks", receiver::handle);
        server.setExecutor(receiver.executor);
        server.start();
        return receiver;
    }

    /** Where deliveries go. */
    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/hooks";
    }

    /** The subscription's secret, to verify signatures with. */
    void secret(String value) {
        this.secret = value;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            long receipt = Micros.now();
            String id = exchange.getRequestHeaders().getFirst("webhook-id");
            String timestamp = exchange.getRequestHeaders().getFirst("webhook-timestamp");
            String signature = exchange.getRequestHeaders().getFirst("webhook-signature");
            if (id == null || timestamp == null || signature == null || !verified(id, timestamp, signature, body)) {
                badSignatures.incrementAndGet();
            }
            connections.add(exchange.getRemoteAddress().toString());
            long occurred = occurredAt(body);
            synchronized (lock) {
                if (samples == receiptMicros.length) {
                    receiptMicros = Arrays.copyOf(receiptMicros, samples * 2);
                    lagMicros = Arrays.copyOf(lagMicros, samples * 2);
                }
                receiptMicros[samples] = receipt;
                lagMicros[samples] = occurred < 0 ? -1 : receipt - occurred;
                samples++;
            }
            if (id != null) {
                perId.computeIfAbsent(id, k -> new AtomicInteger()).incrementAndGet();
            }
            received.incrementAndGet();
            exchange.sendResponseHeaders(204, -1);
        }
    }

    private boolean verified(String id, String timestamp, String signature, byte[] body) {
        String key = secret;
        try {
            return key != null
                    && WebhookSignature.sign(key, id, Long.parseLong(timestamp), body)
                            .equals(signature);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** The event's {@code occurred_at} in epoch microseconds, or -1 when the body has none. */
    private static long occurredAt(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        int start = text.indexOf(OCCURRED_AT);
        if (start < 0) {
            return -1;
        }
        start += OCCURRED_AT.length();
        int end = text.indexOf('"', start);
        try {
            return Micros.of(Instant.parse(text.substring(start, end)));
        } catch (DateTimeParseException | IndexOutOfBoundsException e) {
            return -1;
        }
    }

    /** Deliveries received so far, duplicates included. */
    long received() {
        return received.get();
    }

    /** Waits until {@code count} deliveries have arrived or {@code deadlineNanos} (of {@link System#nanoTime}). */
    boolean await(long count, long deadlineNanos) throws InterruptedException {
        while (received.get() < count) {
            if (System.nanoTime() >= deadlineNanos) {
                return false;
            }
            Thread.sleep(1);
        }
        return true;
    }

    /** The distinct {@code webhook-id}s received, with how often each came. */
    Map<String, Integer> perId() {
        Map<String, Integer> copy = new java.util.HashMap<>();
        perId.forEach((id, n) -> copy.put(id, n.get()));
        return copy;
    }

    long badSignatures() {
        return badSignatures.get();
    }

    /** How many TCP connections the deliveries came over. */
    int connections() {
        return connections.size();
    }

    /** The lags (µs, sorted) of the deliveries received in {@code [fromMicros, toMicros)}. */
    long[] lagsReceivedBetween(long fromMicros, long toMicros) {
        synchronized (lock) {
            long[] lags = new long[samples];
            int n = 0;
            for (int i = 0; i < samples; i++) {
                if (receiptMicros[i] >= fromMicros && receiptMicros[i] < toMicros && lagMicros[i] >= 0) {
                    lags[n++] = lagMicros[i];
                }
            }
            long[] result = Arrays.copyOf(lags, n);
            Arrays.sort(result);
            return result;
        }
    }

    /** How many deliveries arrived in {@code [fromMicros, toMicros)}. */
    long receivedBetween(long fromMicros, long toMicros) {
        synchronized (lock) {
            long n = 0;
            for (int i = 0; i < samples; i++) {
                if (receiptMicros[i] >= fromMicros && receiptMicros[i] < toMicros) {
                    n++;
                }
            }
            return n;
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
