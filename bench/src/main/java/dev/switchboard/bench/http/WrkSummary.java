package dev.switchboard.bench.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;

/**
 * What one {@code wrk} run reports through the {@code done} function of its script ({@link WrkScript}): one line,
 * {@value #MARKER} followed by JSON. Latencies in microseconds, as {@code wrk} keeps them. {@code statusErrors} are the
 * responses {@code wrk} counts as failed, those with a status of 400 or more; the endpoints measured answer no 3xx.
 */
record WrkSummary(
        long requests,
        long durationMicros,
        long connectErrors,
        long readErrors,
        long writeErrors,
        long timeoutErrors,
        long statusErrors,
        long p50Micros,
        long p90Micros,
        long p99Micros,
        long p999Micros,
        long maxMicros) {

    static final String MARKER = "switchboard-wrk ";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The summary line in {@code output} (the whole of what {@code wrk} printed). */
    static WrkSummary parse(String output) {
        String line = output.lines()
                .filter(l -> l.startsWith(MARKER))
                .reduce((first, second) -> second)
                .orElseThrow(() -> new IllegalStateException("wrk printed no summary line; its output:\n" + output));
        try {
            JsonNode json = JSON.readTree(line.substring(MARKER.length()));
            JsonNode errors = json.required("errors");
            JsonNode latency = json.required("latency_us");
            return new WrkSummary(
                    json.required("requests").asLong(),
                    json.required("duration_us").asLong(),
                    errors.required("connect").asLong(),
                    errors.required("read").asLong(),
                    errors.required("write").asLong(),
                    errors.required("timeout").asLong(),
                    errors.required("status").asLong(),
                    latency.required("p50").asLong(),
                    latency.required("p90").asLong(),
                    latency.required("p99").asLong(),
                    latency.required("p99_9").asLong(),
                    latency.required("max").asLong());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("unreadable wrk summary line: " + line, e);
        }
    }

    /** Socket errors (connect, read, write, timeout) and failed statuses together. */
    long errors() {
        return connectErrors + readErrors + writeErrors + timeoutErrors + statusErrors;
    }

    double seconds() {
        return durationMicros / 1e6;
    }

    double requestsPerSecond() {
        return durationMicros == 0 ? 0 : requests / seconds();
    }

    /** The errors by kind, e.g. "3 status, 1 timeout"; "none" when there were none. */
    String errorText() {
        StringBuilder text = new StringBuilder();
        append(text, connectErrors, "connect");
        append(text, readErrors, "read");
        append(text, writeErrors, "write");
        append(text, timeoutErrors, "timeout");
        append(text, statusErrors, "status ≥ 400");
        return text.isEmpty() ? "none" : text.toString();
    }

    private static void append(StringBuilder text, long count, String kind) {
        if (count > 0) {
            text.append(text.isEmpty() ? "" : ", ").append(count).append(' ').append(kind);
        }
    }
}
