/** Outbound HTTP: webhook deliveries, sent only to targets the SSRF guard lets through. */
package dev.switchboard.outbound;
