/**
 * Persistence on SQLite (embedded default) or PostgreSQL: connection pool, Flyway migrations per dialect, and the
 * core's store interfaces implemented with hand-written SQL. Every primary key starts with {@code tenant_id}.
 */
package dev.switchboard.store;
