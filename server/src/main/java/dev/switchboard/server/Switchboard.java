package dev.switchboard.server;

import dev.switchboard.decisionlog.DecisionLog;
import dev.switchboard.escalation.EventType;
import dev.switchboard.event.EventBus;
import dev.switchboard.event.EventLog;
import dev.switchboard.event.EventStreams;
import dev.switchboard.handoff.Escalations;
import dev.switchboard.handoff.Sweeper;
import dev.switchboard.http.Api;
import dev.switchboard.http.Metrics;
import dev.switchboard.http.RateLimiter;
import dev.switchboard.outbound.HttpWebhookSender;
import dev.switchboard.policy.Policies;
import dev.switchboard.session.SessionRouter;
import dev.switchboard.store.Database;
import dev.switchboard.store.Dialect;
import dev.switchboard.store.PostgresEventRelay;
import dev.switchboard.store.PostgresStatistics;
import dev.switchboard.store.Stores;
import dev.switchboard.tenant.ConsoleSessions;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.webhook.Dispatcher;
import dev.switchboard.webhook.RetrySchedule;
import dev.switchboard.webhook.WebhookStore;
import dev.switchboard.webhook.Webhooks;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.bridge.SLF4JBridgeHandler;

/**
 * One running Switchboard server: database (migrated at start), services, HTTP API. {@link #close()} stops it
 * gracefully: not ready at once, in-flight requests finish, the decision log is flushed, the pool closed.
 */
public final class Switchboard implements AutoCloseable {
    /** How often a PostgreSQL node looks for tables without planner statistics. */
    static final Duration STATISTICS_CHECK = Duration.ofSeconds(30);

    private static final AtomicBoolean PREPARED = new AtomicBoolean();

    private final ServerConfig config;
    private final Database database;
    private final Tenants tenants;
    private final DecisionLog decisionLog;
    private final Escalations escalations;
    private final Webhooks webhooks;
    private final Dispatcher dispatcher;
    private final EventStreams streams;
    private final Metrics metrics;
    private final HttpWebhookSender sender;
    private final EventBus bus;
    private final EventLog eventLog;
    private PostgresEventRelay relay;
    private final Api api;
    private final Javalin http;
    private final CompletableFuture<Void> migration;
    private Sweeper sweeper;
    private ScheduledExecutorService statistics;
    private volatile boolean ready;

    private Switchboard(ServerConfig config, Clock systemClock) {
        // Timestamps are stored to the millisecond; the API shows them the same on creation and on every read.
        Clock clock = Clock.tick(systemClock, Duration.ofMillis(1));
        this.config = config;
        this.database = config.openDatabase();
        // Migrations run while the HTTP server starts (two cores do both at once); tenant routes answer 503 until
        // both are done, see start().
        this.migration = CompletableFuture.runAsync(database::migrate, Thread::startVirtualThread);
        try {
            Stores stores = new Stores(database);
            this.tenants = new Tenants(stores.tenants(), clock);
            this.bus = new EventBus();
            Policies policies = new Policies(stores.policies(), clock, bus);
            this.decisionLog = new DecisionLog(stores.decisions(), config.decisionLogCapacity());
            this.escalations = new Escalations(stores.escalations(), policies, tenants, clock, bus);
            WebhookStore webhookStore = stores.webhooks();
            this.webhooks = new Webhooks(webhookStore, clock, config.webhookAllowPrivate());
            escalations.pushResumesTo((tenant, workflow) ->
                    webhookStore.anyTakes(tenant, EventType.ESCALATION_RESUME_REQUESTED, workflow));
            this.metrics = new Metrics(decisionLog);
            this.sender = new HttpWebhookSender(config.webhookAllowPrivate());
            this.dispatcher = new Dispatcher(
                    webhookStore,
                    sender,
                    escalations.resumeDeliveries(),
                    clock,
                    new RetrySchedule(new SplittableRandom()),
                    metrics);
            bus.subscribe(event -> dispatcher.wake());
            this.eventLog = stores.events();
            this.streams = new EventStreams(eventLog, clock);
            bus.subscribe(event -> streams.publish(List.of(event)));
            metrics.watch(streams);
            SessionRouter router = new SessionRouter(policies, stores.sessions(), escalations, decisionLog, clock);
            this.api = new Api(new Api.Parts(
                    tenants,
                    policies,
                    router,
                    stores.decisions(),
                    escalations,
                    webhooks,
                    streams,
                    new ConsoleSessions(stores.tenants(), tenants, clock),
                    clock,
                    metrics,
                    new RateLimiter(config.rateLimitPerSecond(), config.rateLimitBurst(), clock),
                    config.adminToken(),
                    config.maxBodyBytes(),
                    () -> ready && database.isReachable(),
                    () -> ready));
            this.http = api.create();
        } catch (RuntimeException e) {
            migration.exceptionally(failure -> null).join();
            database.close();
            throw e;
        }
    }

    /** Opens the database, migrates it and starts serving; returns once ready. */
    public static Switchboard start(ServerConfig config, Clock clock) {
        prepare();
        if (!SLF4JBridgeHandler.isInstalled()) {
            SLF4JBridgeHandler.removeHandlersForRootLogger();
            SLF4JBridgeHandler.install();
        }
        Switchboard server = new Switchboard(config, clock);
        try {
            server.http.start(config.host(), config.port());
            server.migration.join();
            server.sender.awaitStarted();
        } catch (RuntimeException e) {
            server.http.stop();
            server.migration.exceptionally(failure -> null).join();
            server.dispatcher.close();
            server.sender.close();
            server.decisionLog.close();
            server.database.close();
            throw e instanceof CompletionException && e.getCause() instanceof RuntimeException cause ? cause : e;
        }
        if (config.slaSweepSeconds() > 0) {
            server.sweeper = Sweeper.start(
                    server.escalations, java.time.Duration.ofMillis((long) (config.slaSweepSeconds() * 1000)));
        }
        server.dispatcher.start();
        if (server.database.dialect() == Dialect.POSTGRESQL) {
            // Other nodes may share the database: their events reach this node's streams, and ours theirs.
            server.relay = PostgresEventRelay.start(
                    server.database, server.eventLog, server.streams::publish, server.streams::endAll);
            server.bus.subscribe(server.relay::send);
            server.metrics.watch(server.relay);
            server.statistics = startStatistics(server.database);
        }
        server.ready = true;
        log().info("Switchboard ready on port {} ({})", server.port(), server.database.dialect());
        return server;
    }

    /**
     * Starts loading what the server needs on a second core (see {@link Warmup}); called as early as possible, before
     * the command line is parsed, and again by {@link #start}. Only the first call does anything.
     */
    public static void prepare() {
        if (PREPARED.compareAndSet(false, true)) {
            tellJettyTheReferenceSize();
            // Logging first, in this thread: when the warm-up thread's libraries log while SLF4J is still
            // initializing, SLF4J replays their calls and prints a warning about it on every start.
            org.slf4j.LoggerFactory.getILoggerFactory();
            Warmup.start();
        }
    }

    /**
     * Jetty pads its queues to a cache line and, unless told how many object references fill one, asks the JVM
     * whether references are compressed through the platform MBean server, whose start (every platform bean,
     * diagnostic commands, the flight recorder's) costs a few hundred milliseconds of start-up on a small machine.
     * The JVM compresses references when the heap can stay below 32 GiB; only the padding depends on the answer.
     */
    private static void tellJettyTheReferenceSize() {
        String key = "org.eclipse.jetty.util.referencesPerCacheLine";
        if (System.getProperty(key) == null) {
            boolean compressed = Runtime.getRuntime().maxMemory() < 32L * 1024 * 1024 * 1024;
            System.setProperty(key, compressed ? "16" : "8");
        }
    }

    /** Every {@link #STATISTICS_CHECK}, gives tables that have rows but no planner statistics their first ones. */
    private static ScheduledExecutorService startStatistics(Database database) {
        PostgresStatistics statistics = new PostgresStatistics(database);
        ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().daemon().name("planner-statistics").factory());
        timer.scheduleWithFixedDelay(
                () -> {
                    try {
                        statistics.analyzeNeverAnalyzed();
                    } catch (RuntimeException e) {
                        log().warn("could not check planner statistics: {}", e.getMessage());
                    }
                },
                STATISTICS_CHECK.toSeconds(),
                STATISTICS_CHECK.toSeconds(),
                TimeUnit.SECONDS);
        return timer;
    }

    /** Looked up when needed, so that logging starts after the warm-up thread. */
    private static Logger log() {
        return LoggerFactory.getLogger(Switchboard.class);
    }

    /** The port actually listened on (useful with port 0). */
    public int port() {
        return http.port();
    }

    public ServerConfig config() {
        return config;
    }

    public Tenants tenants() {
        return tenants;
    }

    public Api api() {
        return api;
    }

    /** The escalation queue, as the embedded API (e.g. to register resume handlers). */
    public Escalations escalations() {
        return escalations;
    }

    /** Writes the decisions queued so far to the decision log (it otherwise does so within a fraction of a second). */
    public void flushDecisionLog() {
        decisionLog.flush();
    }

    /** Sets up the demo tenant and prints its keys and curl lines. */
    public void printDemo(java.io.PrintWriter out) {
        Demo.print(out, port(), Demo.prepare(tenants, escalations));
    }

    @Override
    public void close() {
        ready = false;
        if (sweeper != null) {
            sweeper.close();
        }
        streams.close();
        http.stop();
        if (relay != null) {
            relay.close();
        }
        if (statistics != null) {
            statistics.shutdownNow();
        }
        dispatcher.close();
        sender.close();
        escalations.close();
        decisionLog.close();
        database.close();
        log().info("Switchboard stopped");
    }
}
