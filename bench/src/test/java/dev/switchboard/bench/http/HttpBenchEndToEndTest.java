package dev.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The whole bench in one-second windows against the real server jar, when it has been built (on CI it must have
 * been: the reactor packages the server before it tests the bench) and {@code wrk} is installed.
 */
class HttpBenchEndToEndTest {
    private static final Path JAR = Path.of("../server/target/switchboard.jar");

    @Test
    void tinyRun_routesAndCreatesEscalations_withoutAFailedStatus() throws Exception {
        if ("true".equals(System.getenv("CI"))) {
            assertThat(JAR)
                    .as("the server jar, packaged before the bench is tested")
                    .isRegularFile();
            assertThat(Path.of(Wrk.BINARY)).as("wrk, which .ci/run installs").isExecutable();
        }
        assumeTrue(Files.isRegularFile(JAR), "no server jar; " + ServerProcess.BUILD_HINT);
        assumeTrue(Files.isExecutable(Path.of(Wrk.BINARY)), "no wrk; apt-get install wrk");

        HttpBench.Report report = HttpBench.run(HttpBench.Options.parse(
                "--jar", JAR.toString(),
                "--connections", "4",
                "--wrk-threads", "1",
                "--warmup", "0",
                "--seconds", "1",
                "--rounds", "1",
                "--sustained", "1",
                "--lifecycles", "10"));

        assertThat(report.windows()).hasSize(3);
        assertThat(report.windows()).allSatisfy(window -> {
            assertThat(window.summary().requests()).isPositive();
            assertThat(window.summary().statusErrors()).as("responses ≥ 400").isZero();
            assertThat(window.serverCpuSeconds()).isPositive();
            assertThat(window.decisionLogCpuSeconds()).isBetween(0.0, window.serverCpuSeconds());
        });
        // Every routed message is a decision for the log's writer to store.
        assertThat(report.windows())
                .filteredOn(window -> window.endpoint().equals(Window.ROUTE))
                .allSatisfy(window -> assertThat(window.decisionLogCpuSeconds()).isPositive());
        assertThat(report.traffic().completed()).isPositive();
        assertThat(report.traffic().errors()).as(report.traffic().firstError()).isZero();
        assertThat(report.memory().readyKib()).isPositive();
        assertThat(report.memory().peakKib())
                .isGreaterThanOrEqualTo(report.memory().sustainedMaxKib());
        assertThat(HttpReport.markdown(report))
                .startsWith("## Routing over HTTP\n")
                .contains("| `POST /v1/route` | 1 (median) |")
                .contains("Goal: POST /v1/route ≥ 80 % of GET /health/live at 4 connections")
                .contains("### Resident memory under load");
        assertThat(HttpReport.json(report)).contains("\"median_route\"");
    }
}
