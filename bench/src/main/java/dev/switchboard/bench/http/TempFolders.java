package dev.switchboard.bench.http;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;

/**
 * The working folders of a run (data folders, scripts, logs): deleted when the run is done with them, and those still
 * there when the JVM exits (also on a signal), after the server processes are killed ({@link Children}), as far as it
 * can.
 */
final class TempFolders {
    private static final Set<Path> LIVE = ConcurrentHashMap.newKeySet();

    static {
        Runtime.getRuntime().addShutdownHook(new Thread(TempFolders::deleteAll, "bench-temp-folders"));
    }

    private TempFolders() {}

    static Path create(String prefix) throws IOException {
        Path folder = Files.createTempDirectory(prefix);
        LIVE.add(folder);
        return folder;
    }

    static void delete(Path folder) throws IOException {
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(path);
            }
        }
        LIVE.remove(folder);
    }

    private static void deleteAll() {
        for (Path folder : LIVE) {
            try {
                delete(folder);
            } catch (IOException e) {
                // a server still writing into it as the JVM exits; what is left stays in the temporary folder
            }
        }
    }
}
