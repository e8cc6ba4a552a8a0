package dev.switchboard.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.escalation.Event;
import dev.switchboard.event.EventLog;
import dev.switchboard.json.JsonMappers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fans committed events out to every node sharing one PostgreSQL database (SPEC §5), so each node's live streams see
 * the events the others write. After a commit, this node NOTIFYs the ids of its events on {@link #CHANNEL} (batched,
 * from a connection of its own); every node LISTENs there, reads the events of other nodes by id, and hands them on.
 *
 * <p>The NOTIFY is sent after the commit, not inside the writing transaction: PostgreSQL serializes the commits of
 * transactions that notify (one lock per database), which cost 43 % of single-row commit throughput at 8 clients in a
 * pgbench probe here. The price: a node that dies between its commit and its NOTIFY leaves other nodes' streams
 * without those events until their clients reconnect. When this node's listening connection breaks, events may have
 * been missed meanwhile, so {@code onGap} runs once it listens again (the server then ends its streams; clients
 * reconnect with {@code Last-Event-ID} and are replayed what they missed). Thread-safe.
 */
public final class PostgresEventRelay implements AutoCloseable {
    static final String CHANNEL = "switchboard_events";
    /** PostgreSQL refuses payloads of 8,000 bytes and more. */
    static final int MAX_PAYLOAD_BYTES = 7_500;

    /** How the relay's connections are named in {@code pg_stat_activity}. */
    public static final String LISTEN_APPLICATION = "switchboard-listen";

    public static final String NOTIFY_APPLICATION = "switchboard-notify";

    static final int OUTGOING_CAPACITY = 100_000;
    private static final Duration WAIT = Duration.ofSeconds(1);
    private static final Duration RECONNECT_BACKOFF = Duration.ofSeconds(1);
    private static final Logger LOG = LoggerFactory.getLogger(PostgresEventRelay.class);
    private static final ObjectMapper JSON = JsonMappers.create();

    private final Database database;
    private final EventLog log;
    private final Consumer<List<Event>> deliver;
    private final Runnable onGap;
    private final String node = UUID.randomUUID().toString();
    private final BlockingQueue<Event> outgoing = new LinkedBlockingQueue<>(OUTGOING_CAPACITY);
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong received = new AtomicLong();
    private final AtomicLong dropped = new AtomicLong();
    private volatile boolean running = true;
    private volatile boolean listening;
    private final Thread sender;
    private final Thread listener;

    private PostgresEventRelay(Database database, EventLog log, Consumer<List<Event>> deliver, Runnable onGap) {
        this.database = database;
        this.log = log;
        this.deliver = deliver;
        this.onGap = onGap;
        this.sender = Thread.ofPlatform().daemon().name("event-relay-notify").unstarted(this::sendLoop);
        this.listener = Thread.ofPlatform().daemon().name("event-relay-listen").unstarted(this::listenLoop);
    }

    /**
     * Starts relaying: events handed to {@link #send} go to the other nodes; theirs are read back and given to
     * {@code deliver}, in id order per notification and tenant.
     */
    public static PostgresEventRelay start(
            Database database, EventLog log, Consumer<List<Event>> deliver, Runnable onGap) {
        PostgresEventRelay relay = new PostgresEventRelay(database, log, deliver, onGap);
        relay.sender.start();
        relay.listener.start();
        return relay;
    }

    /** Queues committed events of this node for the other nodes; a bus listener. Never blocks. */
    public void send(Event event) {
        if (!outgoing.offer(event)) {
            dropped.incrementAndGet();
        }
    }

    /** Whether the listening connection is up (after start it connects within moments). */
    public boolean listening() {
        return listening;
    }

    public long sent() {
        return sent.get();
    }

    public long received() {
        return received.get();
    }

    /** Events not relayed because the outgoing queue was full (the database was unreachable for long). */
    public long dropped() {
        return dropped.get();
    }

    private void sendLoop() {
        Connection connection = null;
        List<String> pending = List.of();
        while (running) {
            try {
                if (pending.isEmpty()) {
                    Event first = outgoing.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
                    if (first == null) {
                        continue;
                    }
                    List<Event> batch = new ArrayList<>();
                    batch.add(first);
                    outgoing.drainTo(batch, 4_096);
                    pending = payloads(node, batch);
                }
                if (connection == null) {
                    connection = database.openDedicated(NOTIFY_APPLICATION);
                }
                try (PreparedStatement notify = connection.prepareStatement("SELECT pg_notify(?, ?)")) {
                    for (String payload : pending) {
                        notify.setString(1, CHANNEL);
                        notify.setString(2, payload);
                        notify.executeQuery().close();
                    }
                }
                sent.addAndGet(pending.size());
                pending = List.of();
            } catch (InterruptedException e) {
                break;
            } catch (SQLException e) {
                LOG.warn("cannot notify other nodes of events; trying again: {}", e.getMessage());
                connection = closeQuietly(connection);
                pause();
            }
        }
        closeQuietly(connection);
    }

    private void listenLoop() {
        Connection connection = null;
        boolean everListened = false;
        while (running) {
            try {
                if (connection == null) {
                    connection = database.openDedicated(LISTEN_APPLICATION);
                    try (Statement listen = connection.createStatement()) {
                        listen.execute("LISTEN " + CHANNEL);
                    }
                    listening = true;
                    if (everListened) {
                        onGap.run();
                    }
                    everListened = true;
                }
                PGNotification[] notifications =
                        connection.unwrap(PGConnection.class).getNotifications((int) WAIT.toMillis());
                if (notifications == null || notifications.length == 0) {
                    if (!connection.isValid(5)) {
                        throw new SQLException("the listening connection is no longer valid");
                    }
                    continue;
                }
                for (PGNotification notification : notifications) {
                    receive(notification.getParameter());
                }
            } catch (SQLException e) {
                if (running) {
                    LOG.warn("lost the connection listening for other nodes' events; reconnecting: {}", e.getMessage());
                }
                listening = false;
                connection = closeQuietly(connection);
                pause();
            } catch (RuntimeException e) {
                LOG.error("could not relay events from another node", e);
            }
        }
        listening = false;
        closeQuietly(connection);
    }

    private void receive(String payload) {
        JsonNode json;
        try {
            json = JSON.readTree(payload);
        } catch (IOException e) {
            LOG.warn("ignoring a malformed notification on {}", CHANNEL);
            return;
        }
        if (node.equals(json.path("node").asText())) {
            return; // this node's own events reached its streams when they committed
        }
        Map<String, List<String>> idsByTenant = new LinkedHashMap<>();
        for (JsonNode entry : json.path("events")) {
            idsByTenant
                    .computeIfAbsent(entry.path(0).asText(), t -> new ArrayList<>())
                    .add(entry.path(1).asText());
        }
        idsByTenant.forEach((tenant, ids) -> {
            List<Event> events = log.find(tenant, ids);
            received.addAndGet(events.size());
            deliver.accept(events);
        });
    }

    /** The batch as notification payloads, each under PostgreSQL's size limit. */
    static List<String> payloads(String node, List<Event> events) {
        List<String> payloads = new ArrayList<>();
        ObjectNode payload = null;
        int bytes = 0;
        for (Event event : events) {
            int entryBytes = utf8Length(event.tenantId()) + utf8Length(event.id()) + 8;
            if (payload == null || bytes + entryBytes > MAX_PAYLOAD_BYTES) {
                if (payload != null) {
                    payloads.add(payload.toString());
                }
                payload = JSON.createObjectNode().put("node", node);
                payload.putArray("events");
                bytes = utf8Length(payload.toString());
            }
            ((ArrayNode) payload.get("events")).addArray().add(event.tenantId()).add(event.id());
            bytes += entryBytes;
        }
        if (payload != null) {
            payloads.add(payload.toString());
        }
        return payloads;
    }

    private static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    private void pause() {
        try {
            Thread.sleep(RECONNECT_BACKOFF);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    private static Connection closeQuietly(Connection connection) {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException e) {
                LOG.debug("closing a relay connection failed", e);
            }
        }
        return null;
    }

    @Override
    public void close() {
        running = false;
        sender.interrupt();
        listener.interrupt();
        try {
            sender.join(Duration.ofSeconds(5));
            listener.join(Duration.ofSeconds(5));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
