package dev.switchboard.escalation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.tenant.Role;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** The lifecycle table of SPEC §3.2, cell by cell: every status against every move. */
class LifecycleTest {
    private static final Instant T0 = Instant.parse("2026-11-21T08:00:00Z");
    private static final Instant T1 = T0.plusSeconds(60);
    private static final Actor ALICE = new Actor("alice", Role.OPERATOR);
    private static final Actor BOB = new Actor("bob", Role.OPERATOR);
    private static final Actor SUPER = new Actor("sam", Role.SUPERVISOR);
    private static final Actor AGENT = new Actor("bot", Role.AGENT);

    private static Escalation packet(EscalationStatus status, String assignee) {
        EscalationContent content = EscalationContent.builder("t", "deal", "D-1", EscalationReason.TIMEOUT)
                .dueAt(T0.plusSeconds(3600))
                .build();
        EscalationState state = new EscalationState(status, assignee, T0, null, null, null, null, ResumeStatus.NONE, 4);
        return new Escalation("01a1fd12-d2a8-7000-a327-20039b119449", "acme", content, state, "token", T0, "bot");
    }

    private static Command resolve() {
        return new Command.Resolve("approved", null, null, false);
    }

    /** Every cell: status, command, actor, and the expected status after it — or the conflict code. */
    /** Every cell: status, assignee, command, actor, and the status it moves to ({@code →…}) or the conflict code. */
    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(EscalationStatus.PENDING, null, new Command.Assign(null, false), ALICE, "→in_progress"),
                Arguments.of(EscalationStatus.PENDING, null, new Command.Assign("bob", false), SUPER, "→in_progress"),
                Arguments.of(EscalationStatus.PENDING, null, new Command.Unassign(), ALICE, "not_assigned"),
                Arguments.of(EscalationStatus.PENDING, null, resolve(), BOB, "→resolved"),
                Arguments.of(EscalationStatus.PENDING, null, new Command.Cancel("x"), AGENT, "→cancelled"),
                Arguments.of(EscalationStatus.PENDING, null, new Command.Expire(), Actor.SYSTEM, "→expired"),
                Arguments.of(
                        EscalationStatus.IN_PROGRESS,
                        "alice",
                        new Command.Assign(null, false),
                        BOB,
                        "already_assigned"),
                Arguments.of(
                        EscalationStatus.IN_PROGRESS,
                        "alice",
                        new Command.Assign("bob", false),
                        SUPER,
                        "already_assigned"),
                Arguments.of(
                        EscalationStatus.IN_PROGRESS, "alice", new Command.Assign("bob", true), SUPER, "→in_progress"),
                Arguments.of(
                        EscalationStatus.IN_PROGRESS, "alice", new Command.Assign(null, true), BOB, "already_assigned"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", new Command.Unassign(), ALICE, "→pending"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", new Command.Unassign(), SUPER, "→pending"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", resolve(), ALICE, "→resolved"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", resolve(), BOB, "already_assigned"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", resolve(), SUPER, "→resolved"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", new Command.Cancel(null), AGENT, "→cancelled"),
                Arguments.of(EscalationStatus.IN_PROGRESS, "alice", new Command.Expire(), Actor.SYSTEM, "→expired"),
                Arguments.of(EscalationStatus.EXPIRED, null, resolve(), BOB, "→resolved"),
                Arguments.of(EscalationStatus.EXPIRED, "alice", resolve(), ALICE, "→resolved"),
                Arguments.of(EscalationStatus.EXPIRED, "alice", resolve(), BOB, "already_assigned"),
                Arguments.of(EscalationStatus.EXPIRED, "alice", resolve(), SUPER, "→resolved"),
                Arguments.of(EscalationStatus.EXPIRED, null, new Command.Assign(null, false), ALICE, "expired"),
                Arguments.of(EscalationStatus.EXPIRED, null, new Command.Unassign(), ALICE, "expired"),
                Arguments.of(EscalationStatus.EXPIRED, null, new Command.Cancel(null), AGENT, "expired"),
                Arguments.of(EscalationStatus.EXPIRED, null, new Command.Expire(), Actor.SYSTEM, "expired"),
                Arguments.of(
                        EscalationStatus.RESOLVED, "alice", new Command.Assign(null, false), ALICE, "already_resolved"),
                Arguments.of(EscalationStatus.RESOLVED, "alice", new Command.Unassign(), ALICE, "already_resolved"),
                Arguments.of(EscalationStatus.RESOLVED, "alice", resolve(), ALICE, "already_resolved"),
                Arguments.of(EscalationStatus.RESOLVED, "alice", new Command.Cancel(null), AGENT, "already_resolved"),
                Arguments.of(
                        EscalationStatus.RESOLVED, "alice", new Command.Expire(), Actor.SYSTEM, "already_resolved"),
                Arguments.of(EscalationStatus.CANCELLED, null, new Command.Assign(null, false), ALICE, "cancelled"),
                Arguments.of(EscalationStatus.CANCELLED, null, new Command.Unassign(), ALICE, "cancelled"),
                Arguments.of(EscalationStatus.CANCELLED, null, resolve(), SUPER, "cancelled"),
                Arguments.of(EscalationStatus.CANCELLED, null, new Command.Cancel(null), AGENT, "cancelled"),
                Arguments.of(EscalationStatus.CANCELLED, null, new Command.Expire(), Actor.SYSTEM, "cancelled"));
    }

    @ParameterizedTest(name = "{0} (assignee {1}) + {2} by {3} → {4}")
    @MethodSource("table")
    void everyCellOfTheTable(EscalationStatus from, String assignee, Command command, Actor actor, String expected) {
        Escalation current = packet(from, assignee);
        if (expected.startsWith("→")) {
            Lifecycle.Step step = Lifecycle.apply(current, command, actor, T1);
            assertThat(step.changed()).isTrue();
            assertThat(step.next().status().name().toLowerCase(java.util.Locale.ROOT))
                    .isEqualTo(expected.substring(1));
            assertThat(step.next().version()).isEqualTo(5);
            assertThat(step.next().state().updatedAt()).isEqualTo(T1);
        } else {
            assertThatThrownBy(() -> Lifecycle.apply(current, command, actor, T1))
                    .isInstanceOfSatisfying(LifecycleConflict.class, e -> {
                        assertThat(e.code()).isEqualTo(expected);
                        assertThat(e.current()).isSameAs(current);
                    });
        }
    }

    @Test
    void claimingWhatOneHolds_changesNothing() {
        Escalation held = packet(EscalationStatus.IN_PROGRESS, "alice");

        Lifecycle.Step step = Lifecycle.apply(held, new Command.Assign(null, false), ALICE, T1);

        assertThat(step.changed()).isFalse();
        assertThat(step.next()).isSameAs(held);
    }

    @Test
    void operators_mayNotAssignOthers_norReleaseAnothersClaim() {
        assertThatThrownBy(() -> Lifecycle.apply(
                        packet(EscalationStatus.PENDING, null), new Command.Assign("bob", false), ALICE, T1))
                .isInstanceOfSatisfying(
                        LifecycleForbidden.class, e -> assertThat(e.code()).isEqualTo("not_supervisor"));
        assertThatThrownBy(() ->
                        Lifecycle.apply(packet(EscalationStatus.IN_PROGRESS, "alice"), new Command.Unassign(), BOB, T1))
                .isInstanceOfSatisfying(
                        LifecycleForbidden.class, e -> assertThat(e.code()).isEqualTo("not_assignee"));
    }

    @Test
    void moves_recordWhatTheyDid() {
        Escalation pending = packet(EscalationStatus.PENDING, null);

        Escalation resolved = Lifecycle.apply(pending, new Command.Resolve("approved", "fine", null, false), BOB, T1)
                .next();
        Escalation expired =
                Lifecycle.apply(pending, new Command.Expire(), Actor.SYSTEM, T1).next();
        Escalation cancelled =
                Lifecycle.apply(pending, new Command.Cancel("gone"), AGENT, T1).next();

        assertThat(resolved.state().resolution()).isEqualTo(new Resolution("approved", "fine", null, "bob"));
        assertThat(resolved.state().resolvedAt()).isEqualTo(T1);
        assertThat(expired.state().breachedAt()).isEqualTo(pending.content().dueAt());
        assertThat(cancelled.state().cancelReason()).isEqualTo("gone");
        assertThat(Map.of("r", resolved.content(), "e", expired.content()).values())
                .allSatisfy(c -> assertThat(c).isSameAs(pending.content()));
        assertThat(List.of(resolved, expired, cancelled))
                .allSatisfy(e -> assertThat(e.id()).isEqualTo(pending.id()));
    }
}
