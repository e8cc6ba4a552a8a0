/** Conditions written in CEL (cel.dev): compiled once per policy version, evaluated per request without throwing. */
package dev.switchboard.rules;
