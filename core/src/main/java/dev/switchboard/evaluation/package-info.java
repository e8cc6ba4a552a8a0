/** Checking policies: test cases with expected decisions, and precision/recall on labeled messages. */
package dev.switchboard.evaluation;
