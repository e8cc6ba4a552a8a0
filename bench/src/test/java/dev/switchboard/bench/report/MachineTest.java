package dev.switchboard.bench.report;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MachineTest {
    @Test
    void cpuNamesFamilyModelAndClock_soThatTwoBareModelNamesTellApart() {
        assertThat(Machine.cpu(2, "AMD EPYC", "25", "1", "2596.156"))
                .isEqualTo("2 CPUs (AMD EPYC, family 25 model 1, 2,596 MHz)");
        assertThat(Machine.cpu(2, "AMD EPYC", "26", "2", "3700.000"))
                .isEqualTo("2 CPUs (AMD EPYC, family 26 model 2, 3,700 MHz)");
    }

    @Test
    void cpuLeavesOutWhatTheMachineDoesNotTell() {
        assertThat(Machine.cpu(4, "Neoverse", null, null, null)).isEqualTo("4 CPUs (Neoverse)");
        assertThat(Machine.cpu(4, null, "6", null, "about")).isEqualTo("4 CPUs (family 6, about MHz)");
        assertThat(Machine.cpu(1, null, null, null, null)).isEqualTo("1 CPU");
    }
}
