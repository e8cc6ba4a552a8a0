package dev.switchboard.bench.lifecycle;

/**
 * One contender: a human task opened, claimed by an operator and completed with a decision, as three separate
 * transactions, like three HTTP calls would be. Implementations are safe for concurrent use.
 */
interface LifecyclePeer extends AutoCloseable {
    /** Runs one whole lifecycle; {@code n} makes the business key unique. */
    void lifecycle(long n) throws Exception;

    /** How many lifecycles the database holds as finished: a check that the work really happened. */
    long finished() throws Exception;

    @Override
    void close();
}
