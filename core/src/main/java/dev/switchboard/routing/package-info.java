/**
 * Routing: the decision order of SPEC §2.2 over a compiled {@link dev.switchboard.routing.RoutingPolicy} — may the
 * agent answer, must a flow run, a canned reply go out, or a human take over.
 */
package dev.switchboard.routing;
