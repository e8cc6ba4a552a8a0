package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Sends each request of the route script once, from Java, before any window, so that every session of the pool exists
 * and those whose message decides a transfer already have their escalation: the windows then route known sessions
 * only, however short the warmup. Every answer must be 200.
 */
final class SessionPrimer {
    private static final int PARALLEL = 8;

    private SessionPrimer() {}

    /** What priming did: sessions routed, and how many of them a transfer handed to a human. */
    record Result(int sessions, int escalations) {}

    static Result prime(BenchClient client, String agentKey, List<String> messages) throws Exception {
        AtomicInteger escalations = new AtomicInteger();
        try (ExecutorService pool = Executors.newFixedThreadPool(PARALLEL)) {
            List<Future<?>> parts = new ArrayList<>();
            for (int part = 0; part < PARALLEL; part++) {
                int first = part;
                parts.add(pool.submit(() -> {
                    for (int i = first; i < WrkScript.SESSIONS; i += PARALLEL) {
                        JsonNode decision = client.post("/v1/route", agentKey, WrkScript.body(messages, i));
                        if (decision.hasNonNull("escalation_id")) {
                            escalations.incrementAndGet();
                        }
                    }
                    return null;
                }));
            }
            for (Future<?> part : parts) {
                part.get();
            }
        }
        return new Result(WrkScript.SESSIONS, escalations.get());
    }
}
