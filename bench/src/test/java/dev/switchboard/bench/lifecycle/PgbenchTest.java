package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The pgbench command line, with the host, port and user the peers' databases use. */
class PgbenchTest {

    @ParameterizedTest
    @CsvSource({
        "jdbc:postgresql://127.0.0.1:5432/postgres, 127.0.0.1, 5432",
        "jdbc:postgresql://db.internal:6543/postgres?sslmode=disable, db.internal, 6543",
        "jdbc:postgresql://db.internal/postgres, db.internal, 5432",
        "jdbc:postgresql://[::1]:5433/postgres, ::1, 5433",
        "jdbc:postgresql:postgres, localhost, 5432",
        "jdbc:postgresql:///postgres, localhost, 5432"
    })
    void endpoint_readsHostAndPort_withTheDriversDefaults(String url, String host, int port) {
        assertThat(Pgbench.Endpoint.of(url)).isEqualTo(new Pgbench.Endpoint(host, port));
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:mysql://127.0.0.1:3306/x", "jdbc:postgresql://a:5432,b:5432/postgres"})
    void endpoint_refusesWhatPgbenchCannotConnectTo(String url) {
        assertThatThrownBy(() -> Pgbench.Endpoint.of(url)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void command_runsTheScriptWithOneConnectionPerClient_andAtMostOneThreadPerCpu() {
        BenchDatabase database =
                new BenchDatabase("sb_bench_pgbench", "jdbc:postgresql://10.0.0.5:6543/sb_bench_pgbench", "bench");
        Pgbench pgbench = new Pgbench(Path.of("/usr/bin/pgbench"), database, Path.of("/tmp/commit.sql"));
        int jobs = Math.min(64, Runtime.getRuntime().availableProcessors());

        assertThat(pgbench.command(64, Duration.ofSeconds(30)))
                .containsExactly(
                        "/usr/bin/pgbench",
                        "-n",
                        "-c",
                        "64",
                        "-j",
                        String.valueOf(jobs),
                        "-T",
                        "30",
                        "-f",
                        "/tmp/commit.sql",
                        "-h",
                        "10.0.0.5",
                        "-p",
                        "6543",
                        "-U",
                        "bench",
                        "sb_bench_pgbench");
        assertThat(pgbench.command(1, Duration.ofSeconds(5))).containsSequence("-c", "1", "-j", "1", "-T", "5");
    }

    @Test
    void script_isOneSingleRowInsert_soOneCommitPerTransaction() {
        assertThat(Pgbench.SCRIPT.strip())
                .startsWith("INSERT INTO commits")
                .doesNotContain("BEGIN")
                .hasLineCount(1);
    }

    @Test
    void locate_saysHowToInstallPgbench_whenThereIsNone() {
        System.setProperty("bench.pgbench", "/nonexistent/pgbench");
        try {
            assertThatThrownBy(Pgbench::locate)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("apt-get install postgresql-client")
                    .hasMessageContaining("--no-pgbench");
        } finally {
            System.clearProperty("bench.pgbench");
        }
    }
}
