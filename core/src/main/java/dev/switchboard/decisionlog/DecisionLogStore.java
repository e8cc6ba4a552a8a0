package dev.switchboard.decisionlog;

import java.util.List;

/** Persistence of the decision log. Implementations are thread-safe. */
public interface DecisionLogStore {
    /** Appends a batch in one transaction. */
    void append(List<DecisionRecord> batch);

    /** The decisions matching the query, newest first, at most {@code query.limit()}. */
    List<DecisionRecord> query(DecisionQuery query);
}
