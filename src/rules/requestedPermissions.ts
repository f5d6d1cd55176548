/*
 * What an approval request asks for, computed from its shape as the Codex
 * reducer does. The two flags are recorded on the review span and OR-ed onto
 * the tool item by the processor; they also decide a review's trigger.
 */
import type { PermissionProfile } from '../schema/PermissionProfile.js';
import type { ReviewTrigger } from '../semconv/values.js';

export interface RequestedPermissions {
  network: boolean;
  additional: boolean;
}

/**
 * Trigger precedence: an execve interception first, then a network request,
 * then additional permissions, else the initial request.
 */
export function reviewTrigger(
  execveIntercept: boolean,
  requested: RequestedPermissions
): ReviewTrigger {
  if (execveIntercept) return 'execve_intercept';
  if (requested.network) return 'network_policy_denial';
  if (requested.additional) return 'sandbox_denial';
  return 'initial';
}

/** The approval requests a user can answer. */
export type UserApprovalRequest =
  | {
      kind: 'command_execution';
      /** Present when an execve interception asked. */
      approvalId?: string;
      /** The command approval is presented as a network approval. */
      networkApprovalContext?: boolean;
      proposedNetworkPolicyAmendments?: number;
      additionalPermissions?: PermissionProfile;
    }
  | {
      kind: 'file_change';
      /** Only its presence is recorded (a path is content). */
      grantRoot?: string;
    }
  | { kind: 'permissions'; permissions: PermissionProfile };

export function userRequestedPermissions(
  request: UserApprovalRequest
): RequestedPermissions {
  switch (request.kind) {
    case 'command_execution':
      return {
        network:
          request.networkApprovalContext === true ||
          (request.proposedNetworkPolicyAmendments ?? 0) > 0 ||
          request.additionalPermissions?.network?.enabled === true,
        additional: request.additionalPermissions !== undefined,
      };
    case 'file_change':
      return { network: false, additional: request.grantRoot !== undefined };
    case 'permissions':
      return permissionsRequested(request.permissions);
  }
}

/** A permissions request: network when enabled, additional for any grant. */
export function permissionsRequested(profile: PermissionProfile): RequestedPermissions {
  const network = profile.network?.enabled === true;
  return { network, additional: network || profile.fileSystem !== undefined };
}

/** An effective grant with neither network nor file system access is empty. */
export function isEmptyGrant(profile: PermissionProfile): boolean {
  return profile.network === undefined && profile.fileSystem === undefined;
}
