/**
 * The server as a user runs it, over real HTTP: {@code POST /v1/route} against {@code GET /health/live} under
 * {@code wrk} at 64 connections, the server's CPU per request, its resident memory under sustained mixed load
 * ({@link dev.switchboard.bench.http.HttpBench}), and start to ready on SQLite
 * ({@link dev.switchboard.bench.http.StartupBench}) (SPEC §10).
 */
package dev.switchboard.bench.http;
