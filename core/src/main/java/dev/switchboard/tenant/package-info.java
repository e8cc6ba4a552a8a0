/** Tenants, their API keys and roles, and authentication (SPEC §1). */
package dev.switchboard.tenant;
