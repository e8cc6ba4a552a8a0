/** The decision log: every routing decision recorded off the request path, in batches, drops counted. */
package dev.switchboard.decisionlog;
