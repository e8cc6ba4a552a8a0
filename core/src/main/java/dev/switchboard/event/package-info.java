/** Committed events handed to whoever listens on this node: the webhook dispatcher, the live stream, metrics. */
package dev.switchboard.event;
