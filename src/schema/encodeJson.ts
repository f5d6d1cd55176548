/*
 * JSON text of content values for attributes. It never throws: cycles,
 * BigInt, throwing `toJSON` or getters, and values too deep for the stack
 * give no attribute (undefined) instead of an exception in the agent.
 */
import type { PermissionProfile } from './PermissionProfile.js';

/** `undefined` gives undefined, as JSON.stringify does. */
export function encodeJson(value: unknown): string | undefined {
  try {
    return JSON.stringify(value);
  } catch {
    return undefined;
  }
}

/** Codex's `PermissionProfile` spelling: `{network, file_system}`. */
export function encodePermissionProfile(profile: PermissionProfile): string | undefined {
  return encodeJson({ network: profile.network, file_system: profile.fileSystem });
}
