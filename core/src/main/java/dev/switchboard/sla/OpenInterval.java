package dev.switchboard.sla;

import java.time.Instant;

/** One opening of a calendar on the time line: {@code start} inclusive, {@code end} exclusive; may be empty. */
record OpenInterval(Instant start, Instant end) {}
