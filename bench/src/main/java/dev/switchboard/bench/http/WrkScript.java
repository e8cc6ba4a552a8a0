package dev.switchboard.bench.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.bench.Fixtures;
import dev.switchboard.text.Language;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The Lua scripts given to {@code wrk}. Both end with the same {@code done} function, which prints one
 * {@link WrkSummary} line. The route script pre-formats a fixed set of requests in {@code init}, one per session of
 * the pool, the messages taken in turn, and {@code request()} cycles through them, so that no Lua runs per request
 * beyond picking the next one. Messages are JSON-encoded by Jackson, and the resulting text is written into the
 * script as a Lua string of plain ASCII with every other byte as a decimal escape, so any script and any quote
 * survive.
 */
final class WrkScript {
    static final int SESSIONS = 1_000;
    static final int SHORT_LENGTH = 80;
    private static final ObjectMapper JSON = new ObjectMapper();

    private static final String DONE = """
            function done(summary, latency, requests)
              local e = summary.errors
              io.write(string.format('%s{"requests":%d,"duration_us":%d,'
                .. '"errors":{"connect":%d,"read":%d,"write":%d,"timeout":%d,"status":%d},'
                .. '"latency_us":{"p50":%d,"p90":%d,"p99":%d,"p99_9":%d,"max":%d}}\\n',
                MARKER, summary.requests, summary.duration, e.connect, e.read, e.write, e.timeout, e.status,
                latency:percentile(50), latency:percentile(90), latency:percentile(99),
                latency:percentile(99.9), latency.max))
            end
            """;

    private WrkScript() {}

    /** The route messages: each language's 500-character fixture for the default policy, then its first 80 chars. */
    static List<String> fixtureMessages() {
        List<String> messages = new ArrayList<>();
        for (Language language : List.of(Language.ZH, Language.AR, Language.EN)) {
            String text = Fixtures.message(Fixtures.DEFAULT, language).text();
            messages.add(text);
            messages.add(text.substring(0, Math.min(SHORT_LENGTH, text.length())));
        }
        return messages;
    }

    /** A script for an endpoint without a body ({@code GET /health/live}): only the summary line. */
    static String plain() {
        return marker() + DONE;
    }

    /**
     * {@code POST /v1/route} with {@code agentKey}: {@value #SESSIONS} requests, request {@code i} for session
     * {@code bench-s-i} with message {@code i mod messages.size()}.
     */
    static String route(List<String> messages, String agentKey) {
        StringBuilder lua = new StringBuilder(marker());
        lua.append("local messages = {\n");
        for (String message : messages) {
            lua.append("  ").append(luaString(json(message))).append(",\n");
        }
        lua.append("}\n")
                .append("local headers = {[\"Authorization\"] = ")
                .append(luaString("Bearer " + agentKey))
                .append(", [\"Content-Type\"] = \"application/json\"}\n")
                .append(String.format(Locale.ROOT, """
                        local requests = {}
                        local next_request = 0
                        function init(args)
                          for i = 0, %d do
                            local body = '{"message":' .. messages[i %% #messages + 1]
                              .. ',"session_id":"bench-s-' .. i .. '"}'
                            requests[i + 1] = wrk.format("POST", "/v1/route", headers, body)
                          end
                        end
                        function request()
                          next_request = next_request %% #requests + 1
                          return requests[next_request]
                        end
                        """, SESSIONS - 1))
                .append(DONE);
        return lua.toString();
    }

    /**
     * The body of request {@code i}, as the route script's {@code init} builds it:
     * {@code {"message":<message i mod n>,"session_id":"bench-s-<i>"}}.
     */
    static String body(List<String> messages, int i) {
        return "{\"message\":" + json(messages.get(i % messages.size())) + ",\"session_id\":\"bench-s-" + i + "\"}";
    }

    /** {@code text} as a Lua string literal: printable ASCII as is, every other UTF-8 byte, quote and backslash as {@code \ddd}. */
    static String luaString(String text) {
        StringBuilder lua = new StringBuilder("\"");
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c >= 0x20 && c < 0x7f && c != '"' && c != '\\') {
                lua.append((char) c);
            } else {
                lua.append(String.format(Locale.ROOT, "\\%03d", c));
            }
        }
        return lua.append('"').toString();
    }

    private static String marker() {
        return "local MARKER = " + luaString(WrkSummary.MARKER) + "\n";
    }

    private static String json(String message) {
        try {
            return JSON.writeValueAsString(message);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
