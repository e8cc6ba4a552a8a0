package dev.switchboard.architecture;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Keeps the core a plain library: no HTTP, no JDBC, nothing from the modules built on it. */
class CoreDependenciesTest {
    private static final List<String> FORBIDDEN = List.of(
            "import java.sql.",
            "import javax.sql.",
            "import io.javalin.",
            "import jakarta.servlet.",
            "import org.eclipse.jetty.",
            "import dev.switchboard.cli.",
            "import dev.switchboard.server.",
            "import dev.switchboard.store.",
            "import dev.switchboard.http.");

    @Test
    void coreSources_importNeitherHttpNorJdbcNorOuterModules() throws IOException {
        try (Stream<Path> files = Files.walk(Path.of("src/main/java"))) {
            List<String> offenders = files.filter(p -> p.toString().endsWith(".java"))
                    .flatMap(CoreDependenciesTest::forbiddenImports)
                    .toList();

            assertThat(offenders).isEmpty();
        }
    }

    private static Stream<String> forbiddenImports(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8).stream()
                    .filter(line -> FORBIDDEN.stream().anyMatch(line::startsWith))
                    .map(line -> file + ": " + line);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
