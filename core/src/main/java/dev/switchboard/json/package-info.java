/**
 * The JSON wire forms of routing requests, decisions and escalations, shared by the command line and the HTTP API,
 * and the Jackson set-up every part uses.
 */
package dev.switchboard.json;
