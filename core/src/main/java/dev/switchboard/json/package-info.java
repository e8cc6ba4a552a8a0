/** The JSON wire forms of routing requests and decisions, shared by the command line and the HTTP API. */
package dev.switchboard.json;
