package dev.switchboard.bench.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The lifecycle bench's command line. */
class LifecycleOptionsTest {

    @Test
    void parse_defaultsToEveryPeerAtFourConcurrencies_withPgbench() {
        LifecycleBench.Options options = LifecycleBench.Options.parse(new String[0]);

        assertThat(options.peers()).containsExactly("switchboard", "flowable", "camunda");
        assertThat(options.threads()).containsExactly(1, 4, 16, 64);
        assertThat(options.pgbench()).isTrue();
        assertThat(options.report()).isNull();
    }

    @Test
    void parse_takesTheReportFile_andNoPgbenchWithoutAValue() {
        LifecycleBench.Options options =
                LifecycleBench.Options.parse(new String[] {"--no-pgbench", "--report", "out.md", "--threads", "1,4"});

        assertThat(options.pgbench()).isFalse();
        assertThat(options.report()).isEqualTo(Path.of("out.md"));
        assertThat(options.threads()).containsExactly(1, 4);
    }

    @Test
    void parse_refusesAnUnknownPeer_namingIt() {
        assertThatThrownBy(() -> LifecycleBench.Options.parse(new String[] {"--peers", "switchboard,activiti"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("activiti");
    }

    @Test
    void parse_refusesZeroThreads() {
        assertThatThrownBy(() -> LifecycleBench.Options.parse(new String[] {"--threads", "0,4"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("0");
    }
}
