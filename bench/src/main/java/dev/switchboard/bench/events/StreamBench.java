package dev.switchboard.bench.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.server.ServerConfig;
import dev.switchboard.server.Switchboard;
import dev.switchboard.store.PostgresEventRelay;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Event-to-stream latency: full servers ({@link Switchboard#start}) in this JVM, one or two on the same store, and a
 * {@link StreamClient} on the first node's {@code GET /v1/events/stream?types=escalation.created}. After a warmup,
 * packets are created over HTTP at a fixed rate, open loop (each request at its time, whatever the previous did),
 * alternately on each node. For each event received on the stream: receipt − its {@code occurred_at}, grouped by the
 * node that wrote it: the first (same node: the event reaches the stream from that node's event bus) or the second
 * (cross node: NOTIFY after the commit, LISTEN on the first node, a read of the event, then its stream).
 */
final class StreamBench implements AutoCloseable {
    static final String ADMIN_TOKEN = "bench-admin-token";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration PATIENCE = Duration.ofSeconds(30);
    private static final Duration SETTLE = Duration.ofMillis(500);
    private static final int WARMUP_THREADS = 4;

    /** The latencies of the events written on one node, in milliseconds. */
    record Result(
            String store,
            String path,
            long sent,
            long received,
            long missing,
            long duplicates,
            long errors,
            double p50Millis,
            double p90Millis,
            double p99Millis,
            double maxMillis) {

        boolean exactlyOnce() {
            return missing == 0 && duplicates == 0 && errors == 0;
        }
    }

    /** For requests; the stream has a client of its own, so that its frames are read on a thread of their own. */
    private final HttpClient client = client();

    private final HttpClient streamClient = client();
    private final AtomicLong sequence = new AtomicLong();

    /** Two nodes on one PostgreSQL database. */
    List<Result> postgres(String url, String user, Path dataDir, Duration warmup, Duration window, double rate)
            throws Exception {
        Map<String, String> env = env();
        env.put("SWITCHBOARD_DB_URL", url);
        env.put("SWITCHBOARD_DB_USER", user);
        try (Switchboard a = Switchboard.start(ServerConfig.from(env, 0, dataDir), Clock.systemUTC());
                Switchboard b = Switchboard.start(ServerConfig.from(env, 0, dataDir), Clock.systemUTC())) {
            awaitListeners(url, user, 2);
            return run("postgres", List.of(a, b), warmup, window, rate);
        }
    }

    /** One node on SQLite in {@code dataDir}. */
    List<Result> sqlite(Path dataDir, Duration warmup, Duration window, double rate) throws Exception {
        try (Switchboard a = Switchboard.start(ServerConfig.from(env(), 0, dataDir), Clock.systemUTC())) {
            return run("sqlite", List.of(a), warmup, window, rate);
        }
    }

    private static Map<String, String> env() {
        Map<String, String> env = new HashMap<>();
        env.put("SWITCHBOARD_ADMIN_TOKEN", ADMIN_TOKEN);
        env.put("SWITCHBOARD_HOST", "127.0.0.1");
        env.put("SWITCHBOARD_RATE_LIMIT", "1000000");
        return env;
    }

    private List<Result> run(String store, List<Switchboard> nodes, Duration warmup, Duration window, double rate)
            throws Exception {
        Switchboard first = nodes.getFirst();
        String admin = must(first, "POST", "/v1/tenants", ADMIN_TOKEN, "{\"id\": \"bench\", \"name\": \"Bench\"}")
                .get("admin_key")
                .asText();
        String agent = key(first, admin, "agent", "bot-1");
        String operator = key(first, admin, "operator", "operator-1");
        try (StreamClient stream =
                StreamClient.open(streamClient, uri(first, "/v1/events/stream?types=escalation.created"), operator)) {
            warm(nodes, agent, warmup);
            Thread.sleep(SETTLE);

            // The measured window: request i at start + i / rate, on node i mod n.
            int count = (int) Math.round(rate * window.toMillis() / 1000.0);
            long period = (long) (1e9 / rate);
            Map<String, Integer> writtenOn = new ConcurrentHashMap<>();
            AtomicLong errors = new AtomicLong();
            AtomicReference<String> firstError = new AtomicReference<>();
            List<CompletableFuture<Void>> requests = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long at = start + i * period;
                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                int node = i % nodes.size();
                requests.add(client.sendAsync(create(nodes.get(node), agent), HttpResponse.BodyHandlers.ofString())
                        .handle((response, failure) -> {
                            if (failure == null && response.statusCode() == 201) {
                                writtenOn.put(parse(response.body()).get("id").asText(), node);
                            } else {
                                errors.incrementAndGet();
                                firstError.compareAndSet(
                                        null,
                                        failure != null
                                                ? failure.toString()
                                                : response.statusCode() + " " + response.body());
                            }
                            return null;
                        }));
            }
            CompletableFuture.allOf(requests.toArray(CompletableFuture[]::new)).join();
            double seconds = (System.nanoTime() - start) / 1e9;
            awaitFrames(stream, writtenOn);
            Thread.sleep(SETTLE); // anything sent twice arrives now
            if (firstError.get() != null) {
                System.out.println(store + ": " + errors + " creates failed, the first: " + firstError);
            }
            if (stream.ended()) {
                System.out.println(store + ": the stream ended during the run");
            }

            Map<String, Integer> seen = new HashMap<>();
            List<List<Long>> latencies = new ArrayList<>();
            for (int i = 0; i < nodes.size(); i++) {
                latencies.add(new ArrayList<>());
            }
            for (StreamClient.Frame frame : stream.frames()) {
                JsonNode event = parse(frame.data());
                Integer node = writtenOn.get(event.get("escalation_id").asText());
                if (node == null) {
                    continue; // from the warmup
                }
                if (seen.merge(event.get("escalation_id").asText(), 1, Integer::sum) == 1) {
                    long occurred =
                            Micros.of(Instant.parse(event.get("occurred_at").asText()));
                    latencies.get(node).add(frame.receivedMicros() - occurred);
                }
            }
            List<Result> results = new ArrayList<>();
            for (int node = 0; node < nodes.size(); node++) {
                int n = node;
                long sent = writtenOn.values().stream().filter(v -> v == n).count();
                long received = writtenOn.entrySet().stream()
                        .filter(e -> e.getValue() == n && seen.containsKey(e.getKey()))
                        .count();
                long duplicates = writtenOn.entrySet().stream()
                        .filter(e -> e.getValue() == n)
                        .mapToLong(e -> Math.max(0, seen.getOrDefault(e.getKey(), 0) - 1))
                        .sum();
                long[] sorted = latencies.get(node).stream()
                        .mapToLong(Long::longValue)
                        .sorted()
                        .toArray();
                Result result = new Result(
                        store,
                        node == 0 ? "same node" : "cross node",
                        sent,
                        received,
                        sent - received,
                        duplicates,
                        node == 0 ? errors.get() : 0,
                        Micros.percentileMillis(sorted, 0.50),
                        Micros.percentileMillis(sorted, 0.90),
                        Micros.percentileMillis(sorted, 0.99),
                        Micros.maxMillis(sorted));
                System.out.printf(
                        "%s %s: %d events in %.1f s, latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, max %.2f ms;"
                                + " %d missing, %d duplicates%n",
                        store,
                        result.path(),
                        sent,
                        seconds,
                        result.p50Millis(),
                        result.p90Millis(),
                        result.p99Millis(),
                        result.maxMillis(),
                        result.missing(),
                        result.duplicates());
                results.add(result);
            }
            return results;
        }
    }

    /** Creates packets from a few threads on every node in turn, as fast as they answer, for {@code length}. */
    private void warm(List<Switchboard> nodes, String agent, Duration length) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        try (ExecutorService pool = Executors.newFixedThreadPool(WARMUP_THREADS)) {
            for (int t = 0; t < WARMUP_THREADS; t++) {
                pool.submit(() -> {
                    for (int i = 0; System.nanoTime() < end; i++) {
                        try {
                            client.send(
                                    create(nodes.get(i % nodes.size()), agent), HttpResponse.BodyHandlers.discarding());
                        } catch (IOException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                    return null;
                });
            }
        }
    }

    /** Waits until the stream has an event of every packet in {@code written}, or {@link #PATIENCE} has passed. */
    private static void awaitFrames(StreamClient stream, Map<String, Integer> written) throws InterruptedException {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (System.nanoTime() < deadline && !stream.ended()) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            for (StreamClient.Frame frame : stream.frames()) {
                seen.add(parse(frame.data()).get("escalation_id").asText());
            }
            if (seen.containsAll(written.keySet())) {
                return;
            }
            Thread.sleep(50);
        }
    }

    private HttpRequest create(Switchboard node, String agent) {
        String body = "{\"title\": \"Refund above the limit\", \"entity_type\": \"order\", \"entity_id\": \"s-"
                + sequence.incrementAndGet() + "\", \"reason\": \"high_value_deal\", \"priority\": \"high\"}";
        return HttpRequest.newBuilder(uri(node, "/v1/escalations"))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + agent)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build();
    }

    private String key(Switchboard node, String admin, String role, String name) throws Exception {
        return must(node, "POST", "/v1/api-keys", admin, "{\"role\": \"" + role + "\", \"name\": \"" + name + "\"}")
                .get("key")
                .asText();
    }

    /** A request that must answer 2xx; its JSON. */
    private JsonNode must(Switchboard node, String method, String path, String token, String json) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri(node, path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(json))
                .build();
        HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException(method + " " + path + ": " + response.statusCode() + " " + response.body());
        }
        return parse(response.body());
    }

    private static URI uri(Switchboard node, String path) {
        return URI.create("http://127.0.0.1:" + node.port() + path);
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new IllegalStateException("not JSON: " + json, e);
        }
    }

    private static HttpClient client() {
        return HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();
    }

    @Override
    public void close() {
        client.close();
        streamClient.close();
    }

    /** Waits until {@code count} nodes LISTEN on the database (each connects just after it starts). */
    private static void awaitListeners(String url, String user, int count) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        try (Connection connection = DriverManager.getConnection(url, user, null);
                PreparedStatement query = connection.prepareStatement("SELECT COUNT(*) FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = ?")) {
            query.setString(1, PostgresEventRelay.LISTEN_APPLICATION);
            while (true) {
                try (ResultSet rs = query.executeQuery()) {
                    rs.next();
                    if (rs.getInt(1) >= count) {
                        return;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("fewer than " + count + " nodes listen for events");
                }
                Thread.sleep(20);
            }
        }
    }
}
