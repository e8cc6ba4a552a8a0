/** Identifiers: time-ordered UUIDv7 and random secrets. */
package dev.switchboard.ids;
