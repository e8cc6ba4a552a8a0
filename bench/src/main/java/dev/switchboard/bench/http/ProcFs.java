package dev.switchboard.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What Linux's {@code /proc} says about a process: CPU time from {@code stat} (clock ticks of 1/100 s, as on every
 * Linux this runs on) and resident memory from {@code status}. A process that is gone reads as -1.
 */
final class ProcFs {
    static final double TICKS_PER_SECOND = 100;
    /** Linux keeps this many characters of a thread's name in {@code comm}. */
    static final int COMM_LENGTH = 15;

    private ProcFs() {}

    /** User + system CPU seconds of process {@code pid} so far; -1 when it is gone. */
    static double cpuSeconds(long pid) {
        long[] ticks = statTicks(Path.of("/proc", Long.toString(pid), "stat"));
        return ticks == null ? -1 : (ticks[0] + ticks[1]) / TICKS_PER_SECOND;
    }

    /**
     * User + system CPU seconds so far of process {@code pid}'s threads named {@code threadName} (as far as
     * {@code comm} keeps it); 0 when it has none, -1 when the process is gone.
     */
    static double threadCpuSeconds(long pid, String threadName) {
        String comm = threadName.length() > COMM_LENGTH ? threadName.substring(0, COMM_LENGTH) : threadName;
        long ticks = 0;
        try (Stream<Path> tasks = Files.list(Path.of("/proc", Long.toString(pid), "task"))) {
            for (Path task : tasks.toList()) {
                try {
                    if (Files.readString(task.resolve("comm")).strip().equals(comm)) {
                        long[] stat = parseStat(Files.readString(task.resolve("stat")));
                        ticks += stat[0] + stat[1];
                    }
                } catch (IOException e) {
                    // the thread ended between the listing and the read: it has no more time to add
                }
            }
        } catch (IOException e) {
            return -1;
        }
        return ticks / TICKS_PER_SECOND;
    }

    /**
     * User + system CPU seconds of this process's children that have ended and were waited for. A {@code wrk} run's
     * CPU time lands here once its process is reaped, which is how the bench reads it after the fact.
     */
    static double reapedChildrenCpuSeconds() {
        long[] ticks = statTicks(Path.of("/proc/self/stat"));
        return ticks == null ? -1 : (ticks[2] + ticks[3]) / TICKS_PER_SECOND;
    }

    /** The resident set ({@code VmRSS}) of process {@code pid} in KiB; -1 when it is gone. */
    static long rssKib(long pid) {
        return statusKib(pid, "VmRSS:");
    }

    /** The peak resident set ({@code VmHWM}) of process {@code pid} in KiB; -1 when it is gone. */
    static long peakRssKib(long pid) {
        return statusKib(pid, "VmHWM:");
    }

    /** The machine's memory ({@code MemTotal} of {@code /proc/meminfo}) in KiB; -1 when unknown. */
    static long memTotalKib() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    return Long.parseLong(
                            line.substring("MemTotal:".length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException | RuntimeException e) {
            return -1;
        }
    }

    /** utime, stime, cutime and cstime from a {@code stat} file: fields 14–17, counted after the {@code (comm)}. */
    static long[] parseStat(String stat) {
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).trim().split("\\s+");
        // fields[0] is field 3 (state), so field n is fields[n - 3]
        return new long[] {
            Long.parseLong(fields[11]),
            Long.parseLong(fields[12]),
            Long.parseLong(fields[13]),
            Long.parseLong(fields[14])
        };
    }

    private static long[] statTicks(Path file) {
        try {
            return parseStat(Files.readString(file));
        } catch (IOException e) {
            return null;
        }
    }

    private static long statusKib(long pid, String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
                if (line.startsWith(field)) {
                    return Long.parseLong(line.substring(field.length()).trim().split("\\s+")[0]);
                }
            }
            return -1;
        } catch (IOException e) {
            return -1;
        }
    }
}
