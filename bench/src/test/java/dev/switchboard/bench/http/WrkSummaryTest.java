package dev.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

/** Reading the one line the scripts' {@code done} function prints among {@code wrk}'s own output. */
class WrkSummaryTest {
    private static final String OUTPUT = """
            Running 15s test @ http://127.0.0.1:41234/v1/route
              2 threads and 64 connections
              Thread Stats   Avg      Stdev     Max   +/- Stdev
                Latency     2.10ms    1.02ms  41.30ms   90.12%
              301234 requests in 15.00s, 401.23MB read
            Requests/sec:  20082.27
            Transfer/sec:     26.75MB
            switchboard-wrk {"requests":301234,"duration_us":15000321,"errors":{"connect":0,"read":2,"write":0,\
            "timeout":1,"status":3},"latency_us":{"p50":1890,"p90":3012,"p99":6543,"p99_9":12001,"max":41302}}
            """;

    @Test
    void parse_readsTheSummaryLine_amongWrksOwnOutput() {
        WrkSummary summary = WrkSummary.parse(OUTPUT);

        assertThat(summary)
                .isEqualTo(new WrkSummary(301_234, 15_000_321, 0, 2, 0, 1, 3, 1_890, 3_012, 6_543, 12_001, 41_302));
        assertThat(summary.requestsPerSecond()).isCloseTo(20_081.8, within(0.1));
        assertThat(summary.errors()).isEqualTo(6);
        assertThat(summary.errorText()).isEqualTo("2 read, 1 timeout, 3 status ≥ 400");
    }

    @Test
    void errorText_isNone_whenThereWereNoErrors() {
        WrkSummary summary = new WrkSummary(10, 1_000_000, 0, 0, 0, 0, 0, 1, 2, 3, 4, 5);

        assertThat(summary.errors()).isZero();
        assertThat(summary.errorText()).isEqualTo("none");
    }

    @Test
    void parse_failsWithWrksOutput_whenTheScriptPrintedNoLine() {
        assertThatThrownBy(() -> WrkSummary.parse("unable to connect to 127.0.0.1:1 Connection refused\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no summary line")
                .hasMessageContaining("Connection refused");
    }

    @Test
    void parse_fails_whenTheLineLacksAField() {
        assertThatThrownBy(() -> WrkSummary.parse("switchboard-wrk {\"requests\": 1}\n"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("unreadable wrk summary line");
    }
}
