package dev.switchboard.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.decisionlog.DecisionQuery;
import dev.switchboard.decisionlog.DecisionRecord;
import dev.switchboard.ids.UuidV7;
import dev.switchboard.policy.PolicyStore;
import dev.switchboard.policy.StaleVersionException;
import dev.switchboard.routing.DecidedBy;
import dev.switchboard.routing.KeywordMatch;
import dev.switchboard.routing.Mode;
import dev.switchboard.routing.SessionMode;
import dev.switchboard.session.Session;
import dev.switchboard.tenant.ApiKey;
import dev.switchboard.tenant.Role;
import dev.switchboard.tenant.Tenant;
import dev.switchboard.tenant.TenantStore;
import dev.switchboard.text.Language;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The behaviour every store must have, run against each database for real (SQLite and PostgreSQL subclasses).
 * Each test works in tenants of its own, so tests share one database.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class StoreContractTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00.123Z");

    protected abstract Stores stores();

    private String newTenant() {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 8);
        ApiKey admin = key(id, "admin", Role.ADMIN);
        assertThat(stores().tenants()
                        .createTenant(
                                new Tenant(id, "Tenant " + id, Language.AR, ZoneId.of("Asia/Riyadh"), T0),
                                admin,
                                new byte[] {1, 2, 3},
                                new TenantStore.TenantSeed("{\"v\":1}")))
                .isTrue();
        return id;
    }

    private static final UuidV7 IDS = new UuidV7(Clock.systemUTC());

    private static ApiKey key(String tenant, String name, Role role) {
        return new ApiKey(tenant, IDS.nextString(), name, role, T0, null);
    }

    @Test
    void createTenant_storesTenantFirstKeyAndPolicy_once() {
        String id = newTenant();
        Tenant other = new Tenant(id, "Other", Language.EN, ZoneId.of("UTC"), T0.plusSeconds(5));

        boolean again = stores().tenants()
                .createTenant(other, key(id, "x", Role.ADMIN), new byte[] {9}, new TenantStore.TenantSeed("{}"));

        assertThat(again).isFalse();
        Tenant stored = stores().tenants().findTenant(id).orElseThrow();
        assertThat(stored.name()).isEqualTo("Tenant " + id);
        assertThat(stored.defaultLocale()).isEqualTo(Language.AR);
        assertThat(stored.timezone()).isEqualTo(ZoneId.of("Asia/Riyadh"));
        assertThat(stored.createdAt()).isEqualTo(T0);
        assertThat(stores().tenants().listKeys(id)).extracting(ApiKey::name).containsExactly("admin");
        assertThat(stores().policies().latest(id).orElseThrow().document()).isEqualTo("{\"v\":1}");
        assertThat(stores().tenants().findTenant("no-such-tenant")).isEmpty();
    }

    @Test
    void keys_areFoundByIdWithHash_listedWhileActive_revokedOncePerTenant() {
        String tenant = newTenant();
        String otherTenant = newTenant();
        ApiKey operator = key(tenant, "operator-1", Role.OPERATOR);
        stores().tenants().createKey(operator, new byte[] {7, 7});

        TenantStore.StoredKey found = stores().tenants().findKey(operator.id()).orElseThrow();
        assertThat(found.key()).isEqualTo(operator);
        assertThat(found.secretHash()).containsExactly(7, 7);
        assertThat(stores().tenants().listKeys(tenant)).extracting(ApiKey::name).containsExactly("admin", "operator-1");

        assertThat(stores().tenants().revokeKey(otherTenant, operator.id(), T0)).isFalse();
        assertThat(stores().tenants().revokeKey(tenant, operator.id(), T0.plusSeconds(1)))
                .isTrue();
        assertThat(stores().tenants().revokeKey(tenant, operator.id(), T0.plusSeconds(2)))
                .isFalse();
        assertThat(stores().tenants().listKeys(tenant)).extracting(ApiKey::name).containsExactly("admin");
        assertThat(stores().tenants().findKey(operator.id()).orElseThrow().key().revokedAt())
                .isEqualTo(T0.plusSeconds(1));
    }

    @Test
    void policies_appendTakesTheNextVersion_atomically_andHonoursTheExpectedVersion() throws Exception {
        String tenant = newTenant();
        PolicyStore policies = stores().policies();

        assertThat(policies.latestVersion(tenant)).isEqualTo(1);
        assertThat(policies.latestVersion("no-such-tenant")).isZero();
        assertThat(policies.append(tenant, "{\"v\":2}", T0, "admin", null)).isEqualTo(2);
        assertThat(policies.append(tenant, "{\"v\":3}", T0, "admin", 2)).isEqualTo(3);
        assertThatThrownBy(() -> policies.append(tenant, "{\"v\":\"x\"}", T0, "admin", 2))
                .isInstanceOfSatisfying(
                        StaleVersionException.class,
                        e -> assertThat(e.current()).isEqualTo(3));

        assertThat(policies.latest(tenant).orElseThrow().document()).isEqualTo("{\"v\":3}");
        assertThat(policies.versions(tenant))
                .extracting(PolicyStore.PolicyVersion::version)
                .containsExactly(3, 2, 1);

        List<Integer> racing = Race.run(16, () -> policies.append(tenant, "{}", T0, "admin", null));
        assertThat(racing).doesNotHaveDuplicates().hasSize(16).allMatch(v -> v >= 4 && v <= 19);
        List<Boolean> expecting = Race.run(8, () -> {
            try {
                policies.append(tenant, "{}", T0, "admin", 19);
                return true;
            } catch (StaleVersionException e) {
                return false;
            }
        });
        assertThat(expecting).containsOnlyOnce(true);
    }

    @Test
    void sessions_storedWithTheirFirstDecision_handOffOnce_evenUnderConcurrency() throws Exception {
        String tenant = newTenant();
        String otherTenant = newTenant();

        assertThat(stores().sessions().find(tenant, "s-1")).isEmpty();
        stores().decisions().append(List.of(decision(tenant, "s-1", T0), decision(tenant, "s-1", T0.plusSeconds(1))));
        stores().decisions().append(List.of(decision(tenant, "s-1", T0.plusSeconds(9)), decision(tenant, null, T0)));
        Session registered = stores().sessions().find(tenant, "s-1").orElseThrow();
        assertThat(registered.mode()).isEqualTo(SessionMode.BOT_ACTIVE);
        assertThat(registered.updatedAt()).isEqualTo(T0);

        assertThat(stores().sessions().handOff(tenant, "s-1", T0.plusSeconds(1)))
                .isTrue();
        assertThat(stores().sessions().handOff(tenant, "s-1", T0.plusSeconds(2)))
                .isFalse();
        assertThat(stores().sessions().find(tenant, "s-1").orElseThrow().mode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
        assertThat(stores().sessions().find(otherTenant, "s-1")).isEmpty();

        List<Boolean> racing = Race.run(16, () -> stores().sessions().handOff(tenant, "s-new", T0));
        assertThat(racing).containsOnlyOnce(true);
        assertThat(stores().sessions().find(tenant, "s-new").orElseThrow().mode())
                .isEqualTo(SessionMode.HUMAN_ACTIVE);
    }

    private static DecisionRecord decision(String tenant, String session, Instant at) {
        return new DecisionRecord(
                tenant,
                new UuidV7(Clock.systemUTC()).nextString(),
                at,
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

    @Test
    void aLaterDecisionLeavesAHandedOffSessionHumanOwned() {
        String tenant = newTenant();
        assertThat(stores().sessions().handOff(tenant, "s-h", T0)).isTrue();

        stores().decisions().append(List.of(decision(tenant, "s-h", T0.plusSeconds(5))));

        Session session = stores().sessions().find(tenant, "s-h").orElseThrow();
        assertThat(session.mode()).isEqualTo(SessionMode.HUMAN_ACTIVE);
        assertThat(session.updatedAt()).isEqualTo(T0);
    }

    @Test
    void decisions_areAppendedInBatches_andQueriedNewestFirstWithFiltersAndCursor() {
        String tenant = newTenant();
        String otherTenant = newTenant();
        UuidV7 ids = new UuidV7(Clock.systemUTC());
        List<DecisionRecord> batch = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            Mode mode = i % 3 == 0 ? Mode.TRANSFER : Mode.AGENT;
            batch.add(new DecisionRecord(
                    i == 29 ? otherTenant : tenant,
                    ids.nextString(),
                    T0.plusSeconds(i),
                    i % 2 == 0 ? "s-even" : null,
                    mode,
                    mode == Mode.TRANSFER ? DecidedBy.HIGH_RISK_KEYWORD : DecidedBy.DEFAULT,
                    mode == Mode.TRANSFER ? "high_risk_transfer" : null,
                    mode == Mode.TRANSFER ? "transfer" : null,
                    mode == Mode.TRANSFER ? List.of(new KeywordMatch("transfer", "转人工", 0, 3)) : List.of(),
                    1,
                    Language.ZH,
                    "hash-" + i,
                    "转人工 #" + i));
        }
        stores().decisions().append(batch);
        stores().decisions().append(batch.subList(0, 3));

        List<DecisionRecord> firstPage = query(tenant, null, null, null, 10);
        List<DecisionRecord> secondPage =
                query(tenant, null, null, firstPage.get(9).decisionId(), 10);
        List<DecisionRecord> transfers = query(tenant, Mode.TRANSFER, null, null, 100);
        List<DecisionRecord> window = stores().decisions()
                .query(new DecisionQuery(
                        tenant, null, null, null, null, T0.plusSeconds(5), T0.plusSeconds(8), null, 100));

        assertThat(firstPage).hasSize(10).first().isEqualTo(batch.get(28));
        assertThat(secondPage).hasSize(10).first().isEqualTo(batch.get(18));
        assertThat(transfers).hasSize(10).allSatisfy(d -> {
            assertThat(d.mode()).isEqualTo(Mode.TRANSFER);
            assertThat(d.matches()).containsExactly(new KeywordMatch("transfer", "转人工", 0, 3));
        });
        assertThat(query(tenant, null, "s-even", null, 100)).hasSize(15);
        assertThat(window)
                .extracting(DecisionRecord::decidedAt)
                .containsExactly(T0.plusSeconds(7), T0.plusSeconds(6), T0.plusSeconds(5));
        assertThat(query(otherTenant, null, null, null, 100)).containsExactly(batch.get(29));
    }

    private List<DecisionRecord> query(String tenant, Mode mode, String session, String before, int limit) {
        return stores().decisions()
                .query(new DecisionQuery(tenant, mode, null, null, session, null, null, before, limit));
    }
}
