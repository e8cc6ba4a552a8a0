package dev.switchboard.http;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** Console sessions on the embedded SQLite store. */
class SqliteConsoleSessionApiTest extends ConsoleSessionApiTest {
    @TempDir
    static Path data;

    private TestServer server;

    @BeforeAll
    void start() {
        server = TestServer.sqlite(data, Map.of());
    }

    @AfterAll
    void stop() {
        server.close();
    }

    @Override
    protected TestServer server() {
        return server;
    }
}
