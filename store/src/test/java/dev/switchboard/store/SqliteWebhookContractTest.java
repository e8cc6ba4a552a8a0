package dev.switchboard.store;

import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The webhook store contract on the embedded SQLite database. */
class SqliteWebhookContractTest extends WebhookContractTest {
    @TempDir
    static Path folder;

    private Database database;
    private Stores stores;

    @BeforeAll
    void open() {
        database = TestDatabases.sqlite(folder);
        stores = new Stores(database);
    }

    @AfterAll
    void close() {
        database.close();
    }

    @Override
    protected Stores stores() {
        return stores;
    }
}
