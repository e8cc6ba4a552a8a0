package dev.switchboard.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The webhook store contract on PostgreSQL, in a database created for this run (required when {@code CI=true}). */
class PostgresWebhookContractTest extends WebhookContractTest {
    private TestDatabases.PostgresDatabase postgres;
    private Stores stores;

    @BeforeAll
    void open() {
        postgres = TestDatabases.freshPostgres();
        stores = new Stores(postgres.database());
    }

    @AfterAll
    void close() {
        if (postgres != null) {
            TestDatabases.dropPostgres(postgres);
        }
    }

    @Override
    protected Stores stores() {
        return stores;
    }
}
