/**
 * Text as keyword matching sees it: the fold of SPEC §2.3 (NFKC, case folding, Traditional → Simplified Chinese,
 * Arabic variants), script detection, and the one-pass keyword automaton.
 */
package dev.switchboard.text;
