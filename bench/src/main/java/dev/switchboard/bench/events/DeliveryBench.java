package dev.switchboard.bench.events;

import dev.switchboard.bench.lifecycle.CpuUsage;
import dev.switchboard.escalation.Actor;
import dev.switchboard.escalation.EscalationContent;
import dev.switchboard.escalation.EscalationReason;
import dev.switchboard.escalation.EventType;
import dev.switchboard.escalation.Priority;
import dev.switchboard.event.EventBus;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.outbound.HttpWebhookSender;
import dev.switchboard.policy.Policies;
import dev.switchboard.store.Database;
import dev.switchboard.store.Stores;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import dev.switchboard.webhook.Dispatcher;
import dev.switchboard.webhook.RetrySchedule;
import dev.switchboard.webhook.Webhook;
import dev.switchboard.webhook.Webhooks;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;

/**
 * Webhook deliveries to a local {@link Receiver}, on one store, with Switchboard embedded as the server runs it:
 * {@link Escalations} publishing on an {@link EventBus} that wakes the {@link Dispatcher}, which sends with the
 * server's {@link HttpWebhookSender}. One subscription takes {@code escalation.created}, so every packet created is
 * one outbox row written in its transaction and one delivery.
 *
 * <ol>
 *   <li><b>Warmup</b> (not reported): a few packets, {@code ANALYZE}, then writers and the dispatcher together for a
 *       while, and the rest delivered; so that what is measured runs compiled code on a database with planner
 *       statistics, as in a server that has been up for a while.
 *   <li><b>Drain</b>: {@code writers} threads create {@code backlog} packets while no dispatcher runs; {@code
 *       ANALYZE}; the dispatcher starts, timed until the receiver has every delivery.
 *   <li><b>Full speed</b>: the writers create packets as fast as they can for a window while the dispatcher runs:
 *       deliveries that arrived in the window, and their lag (receipt − {@code occurred_at}); then what the window
 *       left is delivered.
 *   <li><b>Paced</b>: the same at a fixed rate of packets per second (open loop).
 *   <li><b>Check</b>: a second for late duplicates, then: every {@code escalation.created} event in the database
 *       arrived exactly once, correctly signed, and every delivery is recorded delivered.
 * </ol>
 */
final class DeliveryBench {
    static final String TENANT = "bench";
    private static final Actor AGENT = new Actor("refund-bot", Role.AGENT);
    private static final Duration PATIENCE = Duration.ofMinutes(3);
    private static final Duration DUPLICATE_WATCH = Duration.ofSeconds(1);
    private static final int PRIMING = 1_000;

    /**
     * One measured phase: packets created and deliveries received during it, the lag of those deliveries (ms), the
     * machine's CPU use, and what was left undelivered when it ended (delivered {@code tailSeconds} later).
     */
    record Phase(
            String name,
            double seconds,
            long created,
            double createdPerSecond,
            long delivered,
            double deliveredPerSecond,
            double lagP50Millis,
            double lagP99Millis,
            double lagMaxMillis,
            double cpu,
            long undeliveredAtEnd,
            double tailSeconds) {}

    /** What one store did, and whether every event arrived exactly once. */
    record Result(
            String store,
            int writers,
            List<Phase> phases,
            long events,
            long received,
            long missing,
            long duplicates,
            long unexpected,
            long badSignatures,
            long notRecordedDelivered,
            int connections,
            long writeErrors,
            String firstError) {

        boolean exactlyOnce() {
            return missing == 0
                    && duplicates == 0
                    && unexpected == 0
                    && badSignatures == 0
                    && notRecordedDelivered == 0
                    && writeErrors == 0;
        }
    }

    private final String store;
    private final Database database;
    private final int writers;
    private final AtomicLong sequence = new AtomicLong();
    private final AtomicLong created = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    DeliveryBench(String store, Database database, int writers) {
        this.store = store;
        this.database = database;
        this.writers = writers;
    }

    /**
     * Runs the phases.
     *
     * @param backlog packets created before the dispatcher starts
     * @param window length of each steady phase
     * @param warmup length of the warmup
     * @param rate packets per second of the paced phase
     */
    Result run(long backlog, Duration window, Duration warmup, double rate) throws Exception {
        database.migrate();
        Stores stores = new Stores(database);
        // As the server: timestamps to the millisecond.
        Clock clock = Clock.tick(Clock.systemUTC(), Duration.ofMillis(1));
        EventBus bus = new EventBus();
        Tenants tenants = new Tenants(stores.tenants(), clock);
        Policies policies = new Policies(stores.policies(), clock, bus);
        tenants.createTenant(TENANT, "Bench", Language.EN, ZoneId.of("Asia/Riyadh"), Policies.defaultDocument());
        // One sender for the whole run, as a server has: its connections outlive a dispatcher.
        HttpWebhookSender sender = new HttpWebhookSender(true);
        AtomicReference<Dispatcher> running = new AtomicReference<>();
        bus.subscribe(event -> {
            Dispatcher dispatcher = running.get();
            if (dispatcher != null) {
                dispatcher.wake();
            }
        });
        try (sender;
                Escalations escalations = new Escalations(stores.escalations(), policies, tenants, clock, bus);
                Receiver receiver = Receiver.start()) {
            Webhook hook = new Webhooks(stores.webhooks(), clock, true)
                    .put(TENANT, "bench", receiver.url(), Set.of(EventType.ESCALATION_CREATED), Set.of())
                    .webhook();
            receiver.secret(hook.secret());
            List<Phase> phases = new ArrayList<>();

            // Warmup (not reported).
            long started = System.nanoTime();
            write(escalations, remaining(Math.min(PRIMING, backlog)));
            analyze();
            try (Dispatcher dispatcher = dispatcher(stores, sender, escalations, clock, running)) {
                long end = started + warmup.toNanos();
                write(escalations, () -> System.nanoTime() < end);
                await(receiver, created.get());
                awaitRecorded(created.get());
                running.set(null);
            }
            System.out.printf(
                    "%s: warmup: %,d packets created and delivered in %.1f s%n",
                    store, created.get(), seconds(started));

            // Drain a backlog.
            long before = created.get();
            started = System.nanoTime();
            write(escalations, remaining(backlog));
            double fillSeconds = seconds(started);
            long filled = created.get() - before;
            System.out.printf(
                    "%s: backlog of %,d deliveries written in %.1f s (%,.0f packets/s, %d writers)%n",
                    store, filled, fillSeconds, filled / fillSeconds, writers);
            analyze();
            long outbox = count("SELECT COUNT(*) FROM deliveries WHERE state = 'pending'");
            if (outbox != filled) {
                throw new IllegalStateException(
                        store + ": " + filled + " packets created but " + outbox + " outbox rows pending");
            }
            try (Dispatcher dispatcher = dispatcher(stores, sender, escalations, clock, running)) {
                CpuUsage cpu = CpuUsage.start();
                started = System.nanoTime();
                await(receiver, created.get());
                double seconds = seconds(started);
                // No lag: a backlog's deliveries are as old as the backlog.
                Phase drain = new Phase(
                        "drain",
                        seconds,
                        filled,
                        filled / fillSeconds,
                        filled,
                        filled / seconds,
                        Double.NaN,
                        Double.NaN,
                        Double.NaN,
                        cpu.busyFraction(),
                        0,
                        0);
                print(drain);
                phases.add(drain);

                phases.add(window(
                        "full speed", receiver, window, more -> write(escalations, more), Double.POSITIVE_INFINITY));
                phases.add(window("paced", receiver, window, more -> pace(escalations, more, rate), rate));

                Thread.sleep(DUPLICATE_WATCH);
                long notDelivered = awaitRecorded(created.get());
                running.set(null);

                Check check = check(receiver.perId());
                Result result = new Result(
                        store,
                        writers,
                        phases,
                        check.events,
                        receiver.received(),
                        check.missing,
                        check.duplicates,
                        check.unexpected,
                        receiver.badSignatures(),
                        notDelivered,
                        receiver.connections(),
                        errors.get(),
                        firstError.get());
                System.out.printf(
                        "%s: %s%n",
                        store,
                        result.exactlyOnce()
                                ? "each of " + check.events + " events delivered exactly once, over "
                                        + receiver.connections() + " connections"
                                : "NOT exactly once: " + result);
                return result;
            }
        }
    }

    /** Something that creates packets while told to. */
    private interface Writer {
        void write(BooleanSupplier more) throws InterruptedException;
    }

    /** Writers creating packets for {@code length}; then what is left is delivered. */
    private Phase window(String name, Receiver receiver, Duration length, Writer writer, double rate)
            throws InterruptedException {
        long before = created.get();
        CpuUsage cpu = CpuUsage.start();
        long windowStart = Micros.now();
        long started = System.nanoTime();
        long end = started + length.toNanos();
        writer.write(() -> System.nanoTime() < end);
        double seconds = seconds(started);
        long windowEnd = Micros.now();
        double busy = cpu.busyFraction();
        long undelivered = created.get() - receiver.received();
        started = System.nanoTime();
        await(receiver, created.get());
        double tail = seconds(started);
        long[] lags = receiver.lagsReceivedBetween(windowStart, windowEnd);
        long delivered = receiver.receivedBetween(windowStart, windowEnd);
        long made = created.get() - before;
        Phase phase = new Phase(
                Double.isInfinite(rate) ? name : name + String.format(" %.0f/s", rate),
                seconds,
                made,
                made / seconds,
                delivered,
                delivered / seconds,
                Micros.percentileMillis(lags, 0.50),
                Micros.percentileMillis(lags, 0.99),
                Micros.maxMillis(lags),
                busy,
                undelivered,
                tail);
        print(phase);
        return phase;
    }

    private void print(Phase phase) {
        System.out.printf(
                Locale.ROOT,
                "%s: %s: %.1f s, %,.0f packets/s created, %,.0f deliveries/s, lag p50 %.1f ms, p99 %.1f ms,"
                        + " max %.1f ms, machine CPU %.0f %%, %,d undelivered at the end (delivered %.1f s later)%n",
                store,
                phase.name(),
                phase.seconds(),
                phase.createdPerSecond(),
                phase.deliveredPerSecond(),
                phase.lagP50Millis(),
                phase.lagP99Millis(),
                phase.lagMaxMillis(),
                phase.cpu() * 100,
                phase.undeliveredAtEnd(),
                phase.tailSeconds());
    }

    /** A dispatcher as the server makes it, started, and the one the bus wakes. */
    private static Dispatcher dispatcher(
            Stores stores,
            HttpWebhookSender sender,
            Escalations escalations,
            Clock clock,
            AtomicReference<Dispatcher> running) {
        Dispatcher dispatcher = new Dispatcher(
                stores.webhooks(),
                sender,
                escalations.resumeDeliveries(),
                clock,
                new RetrySchedule(new SplittableRandom()));
        running.set(dispatcher);
        dispatcher.start();
        return dispatcher;
    }

    private void await(Receiver receiver, long count) throws InterruptedException {
        if (!receiver.await(count, System.nanoTime() + PATIENCE.toNanos())) {
            throw new IllegalStateException(store + ": only " + receiver.received() + " of " + count
                    + " deliveries arrived within " + PATIENCE.toMinutes() + " min");
        }
    }

    /** Until {@code count} tickets are taken. */
    private static BooleanSupplier remaining(long count) {
        AtomicLong tickets = new AtomicLong(count);
        return () -> tickets.getAndDecrement() > 0;
    }

    /** {@code writers} threads creating packets back to back while {@code more} says so. */
    private void write(Escalations escalations, BooleanSupplier more) throws InterruptedException {
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            for (int i = 0; i < writers; i++) {
                pool.submit(() -> {
                    while (more.getAsBoolean()) {
                        create(escalations);
                    }
                });
            }
        }
    }

    /** Packets created at {@code rate} per second, each at its time (open loop), by {@code writers} threads. */
    private void pace(Escalations escalations, BooleanSupplier more, double rate) throws InterruptedException {
        long period = (long) (1e9 / rate);
        try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
            long start = System.nanoTime();
            for (long i = 0; more.getAsBoolean(); i++) {
                long at = start + i * period;
                for (long wait = at - System.nanoTime(); wait > 0; wait = at - System.nanoTime()) {
                    LockSupport.parkNanos(wait);
                }
                pool.submit(() -> create(escalations));
            }
        }
    }

    private void create(Escalations escalations) {
        try {
            escalations.create(TENANT, content(sequence.incrementAndGet()), AGENT);
            created.incrementAndGet();
        } catch (RuntimeException e) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, e.toString());
        }
    }

    static EscalationContent content(long n) {
        return EscalationContent.builder("Refund above the limit", "order", "o-" + n, EscalationReason.HIGH_VALUE_DEAL)
                .priority(Priority.HIGH)
                .workflow("refunds", "approve")
                .suggestedAction("approve the refund", null)
                .build();
    }

    private record Check(long events, long missing, long duplicates, long unexpected) {}

    /** The deliveries received against the {@code escalation.created} events in the database. */
    private Check check(Map<String, Integer> perId) throws SQLException {
        Set<String> events = new HashSet<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs =
                        statement.executeQuery("SELECT event_id FROM events WHERE type = 'escalation.created'")) {
            while (rs.next()) {
                events.add(rs.getString(1));
            }
        }
        long missing = events.stream().filter(id -> !perId.containsKey(id)).count();
        long unexpected =
                perId.keySet().stream().filter(id -> !events.contains(id)).count();
        long duplicates = perId.values().stream()
                .mapToLong(n -> n - 1L)
                .filter(n -> n > 0)
                .sum();
        return new Check(events.size(), missing, duplicates, unexpected);
    }

    /**
     * Waits (a little) until the dispatcher has recorded every delivery delivered; returns how many of {@code total}
     * are not.
     */
    private long awaitRecorded(long total) throws SQLException, InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (count("SELECT COUNT(*) FROM deliveries WHERE state = 'delivered'") < total
                && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        Map<String, Long> states = new HashMap<>();
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("SELECT state, COUNT(*) FROM deliveries GROUP BY state")) {
            while (rs.next()) {
                states.put(rs.getString(1), rs.getLong(2));
            }
        }
        if (states.size() != 1 || !states.containsKey("delivered")) {
            System.out.println(store + ": deliveries by state " + states);
        }
        return total - states.getOrDefault("delivered", 0L);
    }

    /**
     * Planner statistics, as a database in use has them. Without them (a database created seconds ago, and
     * autovacuum off or not yet come by), PostgreSQL plans the outbox claim's per-packet ordering check through the
     * wrong index, and a claim takes seconds with a few thousand deliveries pending (see README.md).
     */
    private void analyze() throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute("ANALYZE");
        }
    }

    private long count(String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }
}
