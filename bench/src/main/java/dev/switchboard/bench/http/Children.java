package dev.switchboard.bench.http;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The processes this bench started and has not yet stopped: the server and {@code wrk}. A shutdown hook kills what is
 * left (Ctrl-C, an exception out of {@code main}), so no server outlives its bench.
 */
final class Children {
    private static final Set<Process> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(Children::killAll, "bench-children"));
    }

    private Children() {}

    static Process track(Process process) {
        LIVE.add(process);
        return process;
    }

    static void untrack(Process process) {
        LIVE.remove(process);
    }

    private static void killAll() {
        for (Process process : LIVE) {
            process.destroyForcibly();
        }
    }
}
