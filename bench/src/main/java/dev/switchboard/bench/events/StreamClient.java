package dev.switchboard.bench.events;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A Server-Sent Events client that notes when each frame arrived: it reads the stream line by line on a thread of its
 * own ({@code id}, {@code event} and {@code data} lines; a blank line ends a frame; {@code :} lines are comments) and
 * stamps each frame with the wall-clock time its last line was read. Thread-safe.
 */
final class StreamClient implements AutoCloseable {
    /** One event as received; {@code receivedMicros} in epoch microseconds. */
    record Frame(String id, String event, String data, long receivedMicros) {}

    private final HttpResponse<Stream<String>> response;
    private final List<Frame> frames = new ArrayList<>();
    private final Thread reader;
    private volatile boolean ended;

    private StreamClient(HttpResponse<Stream<String>> response) {
        this.response = response;
        this.reader = Thread.ofPlatform().daemon().name("stream-client").start(this::read);
    }

    /** Opens the stream; returns once its response headers arrived (status 200, else it throws). */
    static StreamClient open(HttpClient client, URI uri, String token) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri)
                .header("Accept", "text/event-stream")
                .header("Authorization", "Bearer " + token)
                .GET()
                .build();
        HttpResponse<Stream<String>> response =
                client.sendAsync(request, HttpResponse.BodyHandlers.ofLines()).get(30, TimeUnit.SECONDS);
        if (response.statusCode() != 200) {
            String body;
            try (Stream<String> lines = response.body()) {
                body = String.join("\n", lines.toList());
            }
            throw new IllegalStateException("cannot open " + uri + ": " + response.statusCode() + " " + body);
        }
        return new StreamClient(response);
    }

    private void read() {
        String id = null;
        String event = null;
        StringBuilder data = null;
        try (Stream<String> lines = response.body()) {
            for (var it = lines.iterator(); it.hasNext(); ) {
                String line = it.next();
                if (line.isEmpty()) {
                    if (data != null) {
                        Frame frame = new Frame(id, event == null ? "message" : event, data.toString(), Micros.now());
                        synchronized (frames) {
                            frames.add(frame);
                        }
                    }
                    event = null;
                    data = null;
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "id" -> id = value;
                        case "event" -> event = value;
                        case "data" ->
                            data = data == null
                                    ? new StringBuilder(value)
                                    : data.append('\n').append(value);
                        default -> {}
                    }
                }
            }
        } catch (RuntimeException e) {
            // closed, or the server went away
        } finally {
            ended = true;
        }
    }

    /** The frames received so far. */
    List<Frame> frames() {
        synchronized (frames) {
            return List.copyOf(frames);
        }
    }

    /** Whether the stream ended (the server closed it or the connection broke). */
    boolean ended() {
        return ended;
    }

    @Override
    public void close() throws InterruptedException {
        response.body().close();
        reader.join(Duration.ofSeconds(5));
    }
}
