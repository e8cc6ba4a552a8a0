package dev.switchboard.http;

import dev.switchboard.escalation.LifecycleConflict;
import dev.switchboard.escalation.LifecycleForbidden;
import dev.switchboard.escalation.UnknownEscalation;
import dev.switchboard.handoff.IdempotencyKeyReused;
import dev.switchboard.handoff.UnknownResumeToken;
import dev.switchboard.json.EscalationJson;
import dev.switchboard.policy.StaleVersionException;

/**
 * The core's refusals as problem details: a lifecycle conflict is {@code 409} with its code and the packet as it is
 * now (without its resume token), a refused actor {@code 403}, an unknown packet or token {@code 404}, a stale
 * {@code If-Match} {@code 412}, a reused idempotency key {@code 422}.
 */
final class DomainProblems {
    private DomainProblems() {}

    static ApiProblem of(LifecycleConflict e) {
        ApiProblem problem = ApiProblem.conflict(e.code(), e.getMessage());
        return e.current() == null ? problem : problem.with("escalation", EscalationJson.write(e.current()));
    }

    static ApiProblem of(LifecycleForbidden e) {
        return new ApiProblem(403, e.code(), "Forbidden", e.getMessage());
    }

    static ApiProblem of(UnknownEscalation e) {
        return ApiProblem.notFound("escalation");
    }

    static ApiProblem of(UnknownResumeToken e) {
        return ApiProblem.notFound("resume token");
    }

    static ApiProblem of(StaleVersionException e) {
        return IfMatch.stale(e.current());
    }

    static ApiProblem of(IdempotencyKeyReused e) {
        return new ApiProblem(422, "idempotency_key_reused", "Idempotency-Key reused", e.getMessage());
    }
}
