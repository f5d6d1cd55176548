/* An app-server permission profile (Codex 0.169.0, v2 protocol) → the helpers' PermissionProfile. */
import type { PermissionProfile } from '../../index.js';
import { strings } from './jsonFields.js';
import { isObject } from './jsonRpcMessage.js';

/** `{network, fileSystem}` as the helpers take it; null members are absent. */
export function permissionProfile(value: unknown): PermissionProfile {
  const profile: PermissionProfile = {};
  if (!isObject(value)) return profile;
  if (isObject(value.network)) {
    const enabled = value.network.enabled;
    profile.network = typeof enabled === 'boolean' ? { enabled } : {};
  }
  if (isObject(value.fileSystem)) {
    profile.fileSystem = {
      read: strings(value.fileSystem.read),
      write: strings(value.fileSystem.write),
    };
  }
  return profile;
}
