package dev.switchboard.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SameJvmComparisonTest {
    @Test
    void compare_runsEveryCellOfEveryBuild_eachBuildInItsOwnClassLoader() throws Exception {
        String classPath = System.getProperty("java.class.path");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();

        SameJvmComparison.compare(
                new SameJvmComparison.Options("default", 2, 50, 7, List.of(classPath, classPath)),
                new PrintStream(bytes, true, StandardCharsets.UTF_8));

        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines.getFirst()).startsWith("policy default, 2 rounds of 50 calls per cell");
        List<String> cells =
                lines.stream().filter(l -> l.matches("^(zh|ar|en) .*")).toList();
        assertThat(cells).hasSize(6);
        for (String cell : cells) {
            // "zh  scan       0:   1234 [  1200,   1300]  1:   1250 [  1210,   1320]   +1 %"
            assertThat(cell)
                    .matches(
                            "^(zh|ar|en) +(scan|decision) +0: +\\d+ \\[ *\\d+, +\\d+\\] +1: +\\d+ \\[ *\\d+, +\\d+\\] +[-+]\\d+ %$");
            assertThat(cell).doesNotContain(" 0: 0 ");
        }
    }

    @Test
    void options_needTwoBuilds_andKnownFlags() {
        assertThatThrownBy(() -> SameJvmComparison.Options.parse("only.jar"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("two builds");
        assertThatThrownBy(() -> SameJvmComparison.Options.parse("--fast", "1", "a.jar", "b.jar"))
                .hasMessageContaining("unknown option --fast");
        SameJvmComparison.Options options =
                SameJvmComparison.Options.parse("--rounds", "3", "a.jar", "--policy", "default", "b.jar");
        assertThat(options.builds()).containsExactly("a.jar", "b.jar");
        assertThat(options.rounds()).isEqualTo(3);
        assertThat(options.policy()).isEqualTo("default");
    }

    @Test
    void quantile_picksFromTheSortedRounds() {
        double[] rounds = {5, 1, 4, 2, 3};
        assertThat(SameJvmComparison.quantile(rounds, 0.5)).isEqualTo(3);
        assertThat(SameJvmComparison.quantile(rounds, 0.25)).isEqualTo(2);
        assertThat(SameJvmComparison.quantile(rounds, 0.75)).isEqualTo(4);
        assertThat(rounds).containsExactly(5, 1, 4, 2, 3);
    }
}
