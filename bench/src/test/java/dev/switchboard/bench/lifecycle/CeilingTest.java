package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** pgbench's summary, as PostgreSQL 15 and older releases print it. */
class CeilingTest {
    /** {@code pgbench -n -c 4 -j 2 -T 2 -f script} of one single-row insert, PostgreSQL 15.20. */
    static final String PGBENCH_15 = """
            pgbench (15.20 (Debian 15.20-0+deb12u1))
            transaction type: /tmp/sb_commit.sql
            scaling factor: 1
            query mode: simple
            number of clients: 4
            number of threads: 2
            maximum number of tries: 1
            duration: 2 s
            number of transactions actually processed: 15870
            number of failed transactions: 0 (0.000%)
            latency average = 0.504 ms
            initial connection time = 6.221 ms
            tps = 7929.076979 (without initial connection time)
            """;

    /** The same summary as PostgreSQL 13 and older print it: two rates, no failures line. */
    static final String PGBENCH_13 = """
            transaction type: /tmp/sb_commit.sql
            scaling factor: 1
            query mode: simple
            number of clients: 4
            number of threads: 2
            duration: 2 s
            number of transactions actually processed: 12345
            latency average = 0.648 ms
            tps = 6160.803448 (including connections establishing)
            tps = 6172.508931 (excluding connections establishing)
            """;

    @Test
    void parse_readsRateLatencyAndCounts_fromPgbench15() {
        Ceiling ceiling = Ceiling.parse(4, PGBENCH_15, 0.5);

        assertThat(ceiling).isEqualTo(new Ceiling(4, 15870, 0, 7929.076979, 0.504, 0.5));
    }

    @Test
    void parse_takesTheRateWithoutConnecting_fromOlderReleases() {
        Ceiling ceiling = Ceiling.parse(4, PGBENCH_13, 0.5);

        assertThat(ceiling.tps()).isEqualTo(6172.508931);
        assertThat(ceiling.transactions()).isEqualTo(12345);
        assertThat(ceiling.failed()).isZero();
        assertThat(ceiling.latencyMillis()).isEqualTo(0.648);
    }

    @Test
    void parse_takesALoneRate_andNoLatencyAsNaN() {
        Ceiling ceiling = Ceiling.parse(1, "number of transactions actually processed: 10\ntps = 5.0\n", 0.1);

        assertThat(ceiling.tps()).isEqualTo(5.0);
        assertThat(ceiling.latencyMillis()).isNaN();
    }

    @Test
    void parse_refusesOutputWithoutARate() {
        assertThatThrownBy(() -> Ceiling.parse(1, "pgbench: error: connection to server failed\n", 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no tps line")
                .hasMessageContaining("connection to server failed");
    }
}
