package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.decisionlog.DecisionRecord;
import dev.switchboard.ids.UuidV7;
import dev.switchboard.policy.Policies;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.session.Session;
import dev.switchboard.tenant.Tenants;
import dev.switchboard.text.Language;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SQLite's sessions in memory: served without a read, forgotten by every write, never kept stale after a race. */
class SessionCacheTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final String TENANT = "cache";

    @TempDir
    Path folder;

    private Database database;
    private Stores stores;

    @BeforeEach
    void open() {
        database = TestDatabases.sqlite(folder);
        stores = new Stores(database);
        new Tenants(stores.tenants(), Clock.systemUTC())
                .createTenant(TENANT, "Cache", Language.EN, ZoneId.of("UTC"), Policies.defaultDocument())
                .orElseThrow();
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void aSessionOnceRead_isServedFromMemory_untilAStoreChangesIt() throws Exception {
        assertThat(stores.sessions().find(TENANT, "s-1")).isEmpty();
        stores.decisions().append(List.of(decision("s-1")));
        assertThat(stores.sessions().find(TENANT, "s-1").orElseThrow().mode()).isEqualTo(SessionMode.BOT_ACTIVE);

        // Behind the stores' back (nothing in Switchboard writes so): memory still has the session as read.
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement update = connection.prepareStatement(
                        "UPDATE sessions SET mode = 'human_active' WHERE tenant_id = ? AND session_id = ?")) {
            update.setString(1, TENANT);
            update.setString(2, "s-1");
            assertThat(update.executeUpdate()).isEqualTo(1);
        }
        assertThat(stores.sessions().find(TENANT, "s-1").orElseThrow().mode()).isEqualTo(SessionMode.BOT_ACTIVE);

        // A store's write, even one that changes nothing, makes the next lookup read the row again.
        assertThat(stores.sessions().handOff(TENANT, "s-1", T0)).isFalse();
        assertThat(stores.sessions().find(TENANT, "s-1").orElseThrow().mode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
        assertThat(database.sessionCache().size()).isEqualTo(1);
    }

    @Test
    void aLoadThatRacedWithAChange_isReturnedButNotKept() {
        SessionCache cache = new SessionCache();
        Session bot = new Session(TENANT, "s", SessionMode.BOT_ACTIVE, null, T0);
        Session human = new Session(TENANT, "s", SessionMode.HUMAN_ACTIVE, "e-1", T0);

        Optional<Session> raced = cache.find(TENANT, "s", () -> {
            cache.forget(TENANT, "s"); // a hand-off commits while the row is being read
            return Optional.of(bot);
        });

        assertThat(raced).contains(bot);
        assertThat(cache.find(TENANT, "s", () -> Optional.of(human))).contains(human);
        assertThat(cache.find(TENANT, "s", () -> Optional.of(bot))).contains(human); // kept this time
    }

    @Test
    void storedSessions_areNotForgottenByTheirLaterDecisions_butUnknownOnesAre() {
        SessionCache cache = new SessionCache();
        Session bot = new Session(TENANT, "s", SessionMode.BOT_ACTIVE, null, T0);
        cache.find(TENANT, "s", () -> Optional.of(bot));
        cache.find(TENANT, "new", Optional::empty);

        cache.forgetUnlessStored(TENANT, "s");
        cache.forgetUnlessStored(TENANT, "new");

        assertThat(cache.find(TENANT, "s", Optional::empty)).contains(bot);
        assertThat(cache.isStored(TENANT, "s")).isTrue();
        assertThat(cache.isStored(TENANT, "new")).isFalse();
        assertThat(cache.find(TENANT, "new", () -> Optional.of(bot))).contains(bot);
    }

    @Test
    void theCacheStartsOverBeyondItsCapacity() {
        SessionCache cache = new SessionCache();
        for (int i = 0; i <= SessionCache.CAPACITY + 10; i++) {
            cache.find(TENANT, "s-" + i, Optional::empty);
        }
        assertThat(cache.size()).isBetween(1, SessionCache.CAPACITY);
    }

    /*
     * Seeded interleavings: four threads register, hand off and look up 40 sessions at random; afterwards every
     * lookup must agree with the row in the database.
     */
    @Test
    void underConcurrentChanges_lookupsEndInAgreementWithTheDatabase() throws Exception {
        for (long seed = 1; seed <= 5; seed++) {
            String prefix = "r" + seed + "-";
            AtomicInteger handOffs = new AtomicInteger();
            try (ExecutorService pool = Executors.newFixedThreadPool(4)) {
                List<Future<?>> done = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    Random random = new Random(seed * 31 + t);
                    done.add(pool.submit(() -> {
                        for (int i = 0; i < 150; i++) {
                            String session = prefix + random.nextInt(40);
                            switch (random.nextInt(3)) {
                                case 0 -> stores.sessions().find(TENANT, session);
                                case 1 -> stores.decisions().append(List.of(decision(session)));
                                default -> {
                                    if (stores.sessions().handOff(TENANT, session, T0)) {
                                        handOffs.incrementAndGet();
                                    }
                                }
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : done) {
                    future.get();
                }
            }
            for (int i = 0; i < 40; i++) {
                String session = prefix + i;
                assertThat(stores.sessions().find(TENANT, session).map(Session::mode))
                        .as("seed %d, session %s", seed, session)
                        .isEqualTo(stored(session));
            }
            assertThat(handOffs.get()).isPositive();
        }
    }

    private Optional<SessionMode> stored(String session) throws Exception {
        try (Connection connection = database.dataSource().getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT mode FROM sessions WHERE tenant_id = ? AND session_id = ?")) {
            select.setString(1, TENANT);
            select.setString(2, session);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next()
                        ? Optional.of(
                                rs.getString(1).equals("human_active")
                                        ? SessionMode.HUMAN_ACTIVE
                                        : SessionMode.BOT_ACTIVE)
                        : Optional.empty();
            }
        }
    }

    private static DecisionRecord decision(String session) {
        return new DecisionRecord(
                TENANT,
                new UuidV7(Clock.systemUTC()).nextString(),
                T0,
                session,
                Mode.AGENT,
                DecidedBy.DEFAULT,
                null,
                null,
                List.of(),
                1,
                Language.EN,
                "hash",
                "hello");
    }
}
