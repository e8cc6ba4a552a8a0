package dev.switchboard.decisionlog;

import java.util.List;

/** Persistence of the decision log. Implementations are thread-safe. */
public interface DecisionLogStore {
    /**
     * Appends a batch in one transaction, and in it stores the session of each decision that names one as bot-owned
     * if the session is not stored yet (a stored session is left as it is).
     */
    void append(List<DecisionRecord> batch);

    /** The decisions matching the query, newest first, at most {@code query.limit()}. */
    List<DecisionRecord> query(DecisionQuery query);
}
