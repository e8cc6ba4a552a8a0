/** Conversations and who owns them (SPEC §2.4): routing within a session, and its hand-off to a human. */
package dev.switchboard.session;
