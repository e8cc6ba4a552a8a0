/**
 * Events: webhook deliveries per second from the transactional outbox to a local receiver, and the latency from an
 * event's commit to a live stream, on one node and across two nodes on one PostgreSQL database (SPEC §4–5).
 */
package dev.switchboard.bench.events;
