/**
 * Webhooks (SPEC §4): subscriptions, the outbox of deliveries written with each change, their dispatch with retries
 * and backoff, Standard Webhooks signatures, and the guard that keeps deliveries off private networks.
 */
package dev.switchboard.webhook;
