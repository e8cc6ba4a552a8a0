package dev.switchboard.bench.report;

/** One performance goal of the specification, what the run measured against it, and whether it was met. */
public record Goal(String goal, String measured, boolean met) {
    String verdict() {
        return met ? "**met**" : "**not met**";
    }
}
