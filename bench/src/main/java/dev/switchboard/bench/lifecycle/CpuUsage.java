package dev.switchboard.bench.lifecycle;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The machine's CPU use (all processes: the bench, the server and PostgreSQL) from {@code /proc/stat}; NaN elsewhere. */
public record CpuUsage(long busy, long total) {
    public static CpuUsage start() {
        return read();
    }

    /** The fraction of the machine's CPU time that was busy since {@link #start}. */
    public double busyFraction() {
        CpuUsage now = read();
        return now.total == total ? Double.NaN : (double) (now.busy - busy) / (now.total - total);
    }

    private static CpuUsage read() {
        try {
            String[] fields =
                    Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
            long total = 0;
            for (int i = 1; i < fields.length; i++) {
                total += Long.parseLong(fields[i]);
            }
            long idle = Long.parseLong(fields[4]) + Long.parseLong(fields[5]); // idle + iowait
            return new CpuUsage(total - idle, total);
        } catch (IOException | RuntimeException e) {
            return new CpuUsage(0, 0);
        }
    }
}
