package dev.switchboard.bench.report;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/** What the results were measured on: CPU, memory, operating system, JDK, PostgreSQL and the code's commit. */
record Machine(String cpu, String memory, String os, String jdk, String postgres, String commit) {
    static Machine describe(String postgresUrl, String postgresUser) {
        return new Machine(
                readCpu(), readMemory(), readOs(), readJdk(), readPostgres(postgresUrl, postgresUser), readCommit());
    }

    private static String readCpu() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        return cpu(
                Runtime.getRuntime().availableProcessors(),
                firstValue(cpuinfo, "model name"),
                firstValue(cpuinfo, "cpu family"),
                firstValue(cpuinfo, "model"),
                firstValue(cpuinfo, "cpu MHz"));
    }

    /**
     * The CPU as the report names it, e.g. "2 CPUs (AMD EPYC, family 25 model 1, 2,596 MHz)". A cloud machine's model
     * name can be as bare as "AMD EPYC" for cores a generation apart, whose figures differ by half; family and model
     * tell them apart. Values {@code /proc/cpuinfo} does not have are null and left out.
     */
    static String cpu(int processors, String name, String family, String model, String mhz) {
        List<String> parts = new ArrayList<>();
        if (name != null) {
            parts.add(name);
        }
        if (family != null) {
            parts.add("family " + family + (model == null ? "" : " model " + model));
        }
        if (mhz != null) {
            try {
                parts.add(String.format(Locale.ROOT, "%,.0f MHz", Double.parseDouble(mhz)));
            } catch (NumberFormatException e) {
                parts.add(mhz + " MHz");
            }
        }
        return processors
                + (processors == 1 ? " CPU" : " CPUs")
                + (parts.isEmpty() ? "" : " (" + String.join(", ", parts) + ")");
    }

    private static String readMemory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (total == null) {
            return "unknown";
        }
        long kib = Long.parseLong(total.replaceAll("[^0-9]", ""));
        return String.format(Locale.ROOT, "%.1f GiB", kib / 1024.0 / 1024.0);
    }

    private static String readOs() {
        return System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch");
    }

    private static String readJdk() {
        return System.getProperty("java.vendor") + " " + System.getProperty("java.vm.name") + " " + Runtime.version();
    }

    private static String readPostgres(String url, String user) {
        try (Connection connection = DriverManager.getConnection(url, user, null);
                Statement statement = connection.createStatement()) {
            List<String> settings = new ArrayList<>();
            for (String name : new String[] {
                "server_version", "fsync", "synchronous_commit", "wal_sync_method", "shared_buffers", "autovacuum"
            }) {
                try (ResultSet rs = statement.executeQuery("SHOW " + name)) {
                    rs.next();
                    settings.add(name + "=" + rs.getString(1));
                }
            }
            return String.join(", ", settings);
        } catch (SQLException e) {
            return "unreachable (" + e.getMessage() + ")";
        }
    }

    private static String readCommit() {
        String head = git("rev-parse", "--short=12", "HEAD");
        if (head == null) {
            return "unknown";
        }
        String changes = git("status", "--porcelain", "--untracked-files=no");
        return changes == null || changes.isBlank() ? head : head + " with uncommitted changes";
    }

    private static String git(String... args) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        try {
            Process process =
                    new ProcessBuilder(command).redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(10, TimeUnit.SECONDS) && process.exitValue() == 0 ? out : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private static String firstValue(Path file, String key) {
        try {
            for (String line : Files.readAllLines(file)) {
                int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).strip().equals(key)) {
                    return line.substring(colon + 1).strip();
                }
            }
        } catch (IOException e) {
            return null;
        }
        return null;
    }
}
