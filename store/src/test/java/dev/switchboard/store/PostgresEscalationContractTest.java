package dev.switchboard.store;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The escalation contract on PostgreSQL, in a database created for this run (required when {@code CI=true}). */
class PostgresEscalationContractTest extends EscalationContractTest {
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
