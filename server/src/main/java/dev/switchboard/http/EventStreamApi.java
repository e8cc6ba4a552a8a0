package dev.switchboard.http;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.switchboard.escalation.Event;
import dev.switchboard.escalation.EventType;
import dev.switchboard.event.EventStream;
import dev.switchboard.event.EventStreams;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.json.JsonMappers;
import dev.switchboard.tenant.Principal;
import io.javalin.http.Context;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code GET /v1/events/stream} (SPEC §4): the tenant's events as Server-Sent Events, for the console. Each event is
 * {@code id} (the event id), {@code event} (its type) and {@code data} (the event as JSON, one line). A client that
 * reconnects with {@code Last-Event-ID} (browsers do so by themselves) is first replayed what it missed. A comment
 * line every {@link #KEEP_ALIVE} keeps proxies from closing a quiet stream and finds clients that have gone.
 */
final class EventStreamApi {
    static final Set<String> PARAMETERS = Set.of("types", "last_event_id");
    static final Duration KEEP_ALIVE = Duration.ofSeconds(15);
    static final String CONTENT_TYPE = "text/event-stream; charset=utf-8";
    /** How long a client waits before reconnecting after the stream ends. */
    static final Duration RECONNECT = Duration.ofSeconds(2);

    private static final Pattern EVENT_ID =
            Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
    private static final ObjectMapper JSON = JsonMappers.create();
    private static final String CODES = java.util.Arrays.stream(EventType.values())
            .map(EventType::code)
            .collect(java.util.stream.Collectors.joining(", "));

    private final EventStreams streams;

    EventStreamApi(EventStreams streams) {
        this.streams = streams;
    }

    void stream(Context ctx) throws IOException, InterruptedException {
        Principal principal = Authenticator.principal(ctx);
        Queries queries = new Queries(ctx, PARAMETERS);
        Set<EventType> types = types(queries, ctx.queryParam("types"));
        String header = ctx.header("Last-Event-ID");
        String lastEventId = header != null ? header.strip() : queries.string("last_event_id", 36);
        if (lastEventId != null && !EVENT_ID.matcher(lastEventId).matches()) {
            queries.problem(header != null ? "Last-Event-ID" : "last_event_id", "must be an event id");
        }
        queries.check();
        try (EventStream stream = streams.open(principal.tenantId(), lastEventId, types)) {
            ctx.status(200);
            ctx.header("Content-Type", CONTENT_TYPE);
            ctx.header("Cache-Control", "no-store");
            ctx.header("X-Accel-Buffering", "no"); // nginx: pass each event on at once
            OutputStream out = ctx.res().getOutputStream();
            write(out, "retry: " + RECONNECT.toMillis() + "\n: events of tenant " + principal.tenantId() + "\n\n");
            while (!stream.ended()) {
                Event event = stream.next(KEEP_ALIVE);
                if (event != null) {
                    write(out, frame(event));
                } else if (!stream.ended()) {
                    write(out, ": keep-alive\n\n");
                }
            }
        } catch (IOException gone) {
            // The client went away; its stream is closed above.
        }
    }

    /** One event as an SSE frame; the JSON is one line (string values escape their line breaks). */
    static String frame(Event event) throws IOException {
        return "id: " + event.id() + "\nevent: " + event.type().code() + "\ndata: "
                + JSON.writeValueAsString(EscalationJson.write(event)) + "\n\n";
    }

    private static void write(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static Set<EventType> types(Queries queries, String value) {
        Set<EventType> types = new LinkedHashSet<>();
        if (value == null) {
            return types;
        }
        for (String code : value.split(",", -1)) {
            EventType.parse(code.strip())
                    .ifPresentOrElse(
                            types::add, () -> queries.problem("types", "must be a comma-separated list of: " + CODES));
        }
        return types;
    }
}
