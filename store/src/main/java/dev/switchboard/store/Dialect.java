package dev.switchboard.store;

/** What differs between the supported databases; everything else is the same SQL. */
public enum Dialect {
    /** Writes are serialized by {@code BEGIN IMMEDIATE}; row locks neither exist nor are needed. */
    SQLITE("db/sqlite", ""),
    POSTGRESQL("db/postgresql", " FOR UPDATE");

    private final String migrations;
    private final String forUpdate;

    Dialect(String migrations, String forUpdate) {
        this.migrations = migrations;
        this.forUpdate = forUpdate;
    }

    /** The clause that locks the selected rows until the transaction ends, where the database has one. */
    String forUpdate() {
        return forUpdate;
    }

    /** Classpath folder of this dialect's numbered Flyway migrations. */
    String migrations() {
        return migrations;
    }
}
