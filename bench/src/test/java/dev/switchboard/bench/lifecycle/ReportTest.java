package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** What a run reports: Switchboard against the faster peer and against pgbench, the goal line and the fragment. */
class ReportTest {
    private static final List<String> PEERS = List.of(SwitchboardPeer.NAME, FlowablePeer.NAME, CamundaPeer.NAME);

    private static Result result(String peer, int threads, double perSecond) {
        return new Result(peer, threads, (long) (perSecond * 10), 0, null, 10, perSecond, 2, 5, 0.5);
    }

    private static Ceiling ceiling(int clients, double tps) {
        return new Ceiling(clients, (long) (tps * 10), 0, tps, 0.2, 0.6);
    }

    /** At 1 thread 6× Camunda, at 64 threads 4× Flowable. */
    private static Report mixed() {
        return new Report(
                List.of(
                        result(SwitchboardPeer.NAME, 1, 600),
                        result(SwitchboardPeer.NAME, 64, 1600),
                        result(FlowablePeer.NAME, 1, 70),
                        result(FlowablePeer.NAME, 64, 400),
                        result(CamundaPeer.NAME, 1, 100),
                        result(CamundaPeer.NAME, 64, 300)),
                List.of(ceiling(1, 4000), ceiling(64, 8000)));
    }

    @Test
    void standings_compareWithTheFasterPeer_andCountThreeCommitsPerLifecycle() {
        List<Standing> standings = mixed().standings();

        assertThat(standings).extracting(Standing::threads).containsExactly(1, 64);
        assertThat(standings.get(0).fasterPeer().peer()).isEqualTo(CamundaPeer.NAME);
        assertThat(standings.get(0).timesFaster()).isEqualTo(6.0);
        assertThat(standings.get(0).commitsPerSecond()).isEqualTo(1800);
        assertThat(standings.get(0).ceilingFraction()).isEqualTo(0.45);
        assertThat(standings.get(1).fasterPeer().peer()).isEqualTo(FlowablePeer.NAME);
        assertThat(standings.get(1).ceilingFraction()).isEqualTo(0.6);
    }

    @Test
    void goal_namesTheThreadCountsWhereItIsMetAndWhereNot() {
        assertThat(mixed().goal())
                .isEqualTo("Goal ≥ 5× the faster peer: met at threads 1 (6.0×); not met at threads 64 (4.0×).");
    }

    @Test
    void goal_whenMetEverywhere_saysOnlyWhere() {
        Report report =
                new Report(List.of(result(SwitchboardPeer.NAME, 4, 500), result(FlowablePeer.NAME, 4, 100)), List.of());

        assertThat(report.goal()).isEqualTo("Goal ≥ 5× the faster peer: met at threads 4 (5.0×).");
    }

    @Test
    void goal_withoutAnotherPeer_isNotMeasured() {
        Report report = new Report(List.of(result(SwitchboardPeer.NAME, 4, 500)), List.of(ceiling(4, 3000)));

        assertThat(report.goal()).contains("not measured");
    }

    @Test
    void table_groupsPeersByThreadCount_withPgbenchLast() {
        List<String> rows = mixed().table().lines().skip(2).toList();

        assertThat(rows).hasSize(8);
        assertThat(rows.get(0))
                .startsWith("| 1 | switchboard | 600 | 1,800 | 45 % |")
                .endsWith("| 6.0× the faster peer (camunda) |");
        assertThat(rows.get(1)).startsWith("| 1 | flowable | 70 |").endsWith("| 8.6× faster |");
        assertThat(rows.get(3)).startsWith("| 1 | pgbench (1 connection) |  | 4,000 |");
        assertThat(rows.get(4)).startsWith("| 64 | switchboard | 1,600 | 4,800 | 60 % |");
        assertThat(rows.get(7)).startsWith("| 64 | pgbench (64 connections) |  | 8,000 |");
    }

    @Test
    void table_withoutPgbench_leavesTheCeilingEmpty() {
        Report report =
                new Report(List.of(result(SwitchboardPeer.NAME, 1, 600), result(CamundaPeer.NAME, 1, 100)), List.of());

        assertThat(report.table().lines().skip(2).findFirst().orElseThrow())
                .startsWith("| 1 | switchboard | 600 | 1,800 |  |");
    }

    @Test
    void fragment_saysWhatWasMeasured_includingTheQueueForConnectionsAt64Threads() {
        String fragment = mixed().fragment(PEERS, "fsync=on, synchronous_commit=on", 10, 30);

        assertThat(fragment).startsWith("## Escalation lifecycle on PostgreSQL\n\n");
        assertThat(fragment.lines().skip(2).findFirst().orElseThrow())
                .contains("switchboard, flowable and camunda")
                .contains("at 1 and 64 threads")
                .contains("pool of 16 connections")
                .contains("at 64 threads, 48 wait for a connection, alike for every peer")
                .contains("64 connections at 64 threads")
                .contains("warmup 10 s, measured 30 s")
                .contains("synchronous_commit=on");
        assertThat(fragment).contains(mixed().table()).endsWith(mixed().goal() + "\n");
    }

    @Test
    void json_carriesTheFractionAndTheGoal() throws Exception {
        JsonNode json = new ObjectMapper().readTree(ReportJson.write(mixed(), Instant.EPOCH, "fsync=on", 10, 30));

        assertThat(json.path("results")).hasSize(6);
        assertThat(json.path("pgbench")).hasSize(2);
        assertThat(json.path("switchboard").get(0).path("ceiling_fraction").asDouble())
                .isCloseTo(0.45, within(1e-9));
        assertThat(json.path("switchboard").get(1).path("faster_peer").asText()).isEqualTo(FlowablePeer.NAME);
        assertThat(json.path("goal").path("met_at").toString()).isEqualTo("[1]");
        assertThat(json.path("goal").path("not_met_at").toString()).isEqualTo("[64]");
        JsonNode goal = json.path("goals").get(0);
        assertThat(goal.path("met").asBoolean()).isFalse();
        assertThat(goal.path("measured").asText())
                .startsWith("1 thread: ")
                .contains("(45 % of the commit ceiling)")
                .contains("64 threads: ");
    }
}
