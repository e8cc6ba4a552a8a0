package dev.switchboard.escalation;

import static dev.switchboard.escalation.EscalationStatus.CANCELLED;
import static dev.switchboard.escalation.EscalationStatus.EXPIRED;
import static dev.switchboard.escalation.EscalationStatus.IN_PROGRESS;
import static dev.switchboard.escalation.EscalationStatus.PENDING;
import static dev.switchboard.escalation.EscalationStatus.RESOLVED;

import dev.switchboard.tenant.Role;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The lifecycle of SPEC §3.2 as a table — which move is allowed from which status, and where it leads — and the one
 * method that applies a move: it checks the table and who may make it, and returns the packet's next state. Pure;
 * the store makes the result durable in one transaction with its events. Thread-safe.
 */
public final class Lifecycle {
    /** A move, the statuses it may start from, and the status it leads to. */
    enum Move {
        ASSIGN(EnumSet.of(PENDING, IN_PROGRESS), IN_PROGRESS, EventType.ESCALATION_ASSIGNED),
        UNASSIGN(EnumSet.of(IN_PROGRESS), PENDING, EventType.ESCALATION_UNASSIGNED),
        RESOLVE(EnumSet.of(PENDING, IN_PROGRESS, EXPIRED), RESOLVED, EventType.ESCALATION_RESOLVED),
        CANCEL(EnumSet.of(PENDING, IN_PROGRESS), CANCELLED, EventType.ESCALATION_CANCELLED),
        EXPIRE(EnumSet.of(PENDING, IN_PROGRESS), EXPIRED, EventType.ESCALATION_EXPIRED);

        final Set<EscalationStatus> from;
        final EscalationStatus to;
        final EventType event;

        Move(Set<EscalationStatus> from, EscalationStatus to, EventType event) {
            this.from = from;
            this.to = to;
            this.event = event;
        }

        static Move of(Command command) {
            return switch (command) {
                case Command.Assign a -> ASSIGN;
                case Command.Unassign u -> UNASSIGN;
                case Command.Resolve r -> RESOLVE;
                case Command.Cancel c -> CANCEL;
                case Command.Expire e -> EXPIRE;
            };
        }
    }

    /** The conflict code when a move meets a packet in a status it cannot start from. */
    private static final Map<EscalationStatus, String> CONFLICTS =
            Map.of(RESOLVED, "already_resolved", CANCELLED, "cancelled", EXPIRED, "expired", PENDING, "not_assigned");

    private Lifecycle() {}

    /** The outcome of a move: the packet after it (unchanged when the move changes nothing) and the event type. */
    public record Step(Escalation next, EventType event, boolean changed) {}

    /**
     * Applies {@code command} by {@code actor} at {@code now}.
     *
     * @throws LifecycleConflict when the packet's status does not allow the move (409)
     * @throws LifecycleForbidden when the actor may not make it (403)
     */
    public static Step apply(Escalation current, Command command, Actor actor, Instant now) {
        Move move = Move.of(command);
        EscalationStatus status = current.status();
        if (!move.from.contains(status)) {
            String code = CONFLICTS.get(status);
            throw new LifecycleConflict(
                    code,
                    "cannot " + move.name().toLowerCase(java.util.Locale.ROOT) + " an escalation that is "
                            + status.name().toLowerCase(java.util.Locale.ROOT),
                    current);
        }
        EscalationState state = current.state();
        return switch (command) {
            case Command.Assign assign -> assign(current, assign, actor, now);
            case Command.Unassign unassign -> {
                if (!actor.name().equals(state.assignedTo()) && !actor.is(Role.SUPERVISOR)) {
                    throw new LifecycleForbidden(
                            "not_assignee", "only " + state.assignedTo() + " or a supervisor may unassign it");
                }
                yield step(current, state.unassigned(now), move);
            }
            case Command.Resolve resolve -> {
                // The assignee's to decide (also once expired); anyone's while unassigned; a supervisor's always.
                if (state.assignedTo() != null
                        && !actor.name().equals(state.assignedTo())
                        && !actor.is(Role.SUPERVISOR)) {
                    throw new LifecycleConflict(
                            "already_assigned", "already claimed by " + state.assignedTo(), current);
                }
                Resolution decision =
                        new Resolution(resolve.actionTaken(), resolve.notes(), resolve.overrideData(), actor.name());
                yield step(current, state.resolved(decision, now), move);
            }
            case Command.Cancel cancel -> step(current, state.cancelled(cancel.reason(), now), move);
            case Command.Expire expire ->
                step(current, state.expired(current.content().dueAt(), now), move);
        };
    }

    private static Step assign(Escalation current, Command.Assign assign, Actor actor, Instant now) {
        EscalationState state = current.state();
        String assignee = assign.assignee() == null ? actor.name() : assign.assignee();
        if (!assignee.equals(actor.name()) && !actor.is(Role.SUPERVISOR)) {
            throw new LifecycleForbidden("not_supervisor", "only a supervisor may assign to someone else");
        }
        if (current.status() == IN_PROGRESS) {
            if (assignee.equals(state.assignedTo())) {
                return new Step(current, Move.ASSIGN.event, false);
            }
            if (!(assign.force() && actor.is(Role.SUPERVISOR))) {
                throw new LifecycleConflict("already_assigned", "already claimed by " + state.assignedTo(), current);
            }
        }
        return step(current, state.assigned(assignee, now), Move.ASSIGN);
    }

    private static Step step(Escalation current, EscalationState next, Move move) {
        return new Step(current.with(next), move.event, true);
    }
}
