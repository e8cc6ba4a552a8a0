package dev.switchboard.bench.http;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ProcFsTest {
    @Test
    void aThreadsCpuTime_isFoundByItsName_evenPastWhatCommKeeps() throws Exception {
        long pid = ProcessHandle.current().pid();
        String name = "procfs-test-busy-thread";
        assertThat(name.length()).isGreaterThan(ProcFs.COMM_LENGTH);
        assertThat(ProcFs.threadCpuSeconds(pid, name)).isZero();
        AtomicBoolean stop = new AtomicBoolean();
        Thread busy = Thread.ofPlatform().name(name).start(() -> {
            long sum = 0;
            while (!stop.get()) {
                sum += System.nanoTime() & 1;
            }
            assertThat(sum).isNotNegative();
        });
        try {
            long until = System.nanoTime() + 5_000_000_000L;
            while (ProcFs.threadCpuSeconds(pid, name) < 0.05 && System.nanoTime() < until) {
                Thread.sleep(10);
            }
            double thread = ProcFs.threadCpuSeconds(pid, name);
            assertThat(thread).isGreaterThanOrEqualTo(0.05).isLessThanOrEqualTo(ProcFs.cpuSeconds(pid));
        } finally {
            stop.set(true);
            busy.join();
        }
    }

    @Test
    void aProcessThatIsGone_readsAsMinusOne() {
        assertThat(ProcFs.threadCpuSeconds(Long.MAX_VALUE, "anything")).isEqualTo(-1);
    }
}
