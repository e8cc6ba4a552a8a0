/**
 * Comparing builds in one JVM: two or more builds' routing, each in its own class loader, measured in alternation so
 * that a machine whose speed drifts from minute to minute slows them all alike.
 */
package dev.switchboard.bench.compare;
