/**
 * Policies: the versioned document of SPEC §2.5 — reading JSON or YAML with every problem reported by field path,
 * compiling to an immutable {@link dev.switchboard.policy.CompiledPolicy}, and the shipped default policy.
 */
package dev.switchboard.policy;
