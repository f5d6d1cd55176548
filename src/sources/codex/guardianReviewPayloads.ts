/*
 * The `item/autoApprovalReview/*` notifications of a guardian review (Codex
 * 0.169.0, v2 protocol) → the guardian review helper's options. Each returns
 * null for a payload it cannot read, and the bridge counts that as malformed.
 */
import type { GuardianReviewedActionInput } from '../../index.js';
import { GUARDIAN_RISK_LEVELS, type GuardianFailClosedKind, type GuardianReviewRiskLevel } from '../../semconv/index.js';
import { isOneOf } from '../../semconv/isOneOf.js';
import { num, str, strings } from './jsonFields.js';
import { isObject } from './jsonRpcMessage.js';
import { permissionProfile } from './permissionProfile.js';

/**
 * The reviewed action of an `item/autoApprovalReview/*` notification. The
 * stream does not carry a command's sandbox permissions nor whether it asked
 * for a TTY, so those are recorded as `unknown` and `false`; a `writeStdin`
 * action has no reviewed-action shape in the rows.
 */
export function guardianAction(action: unknown): GuardianReviewedActionInput | null {
  if (!isObject(action)) return null;
  switch (action.type) {
    case 'command': {
      const command = str(action.command);
      const shared = { sandboxPermissions: 'unknown', commandDisplay: command, cwd: str(action.cwd) };
      return action.source === 'shell'
        ? { type: 'shell', ...shared }
        : { type: 'unified_exec', tty: false, ...shared };
    }
    case 'execve': {
      const program = str(action.program);
      if (program === undefined) return null;
      return {
        type: 'execve',
        source: action.source === 'shell' ? 'shell' : 'unified_exec',
        program,
        argv: strings(action.argv),
        cwd: str(action.cwd),
      };
    }
    case 'applyPatch':
      return { type: 'apply_patch', cwd: str(action.cwd), files: strings(action.files) };
    case 'networkAccess': {
      const protocol = action.protocol;
      const port = num(action.port);
      if (port === undefined) return null;
      if (protocol !== 'http' && protocol !== 'https' && protocol !== 'socks5_tcp' && protocol !== 'socks5_udp') {
        return null;
      }
      return { type: 'network_access', protocol, port, target: str(action.target), host: str(action.host) };
    }
    case 'mcpToolCall': {
      const server = str(action.server);
      const toolName = str(action.toolName);
      if (server === undefined || toolName === undefined) return null;
      return {
        type: 'mcp_tool_call',
        server,
        toolName,
        connectorId: str(action.connectorId),
        connectorName: str(action.connectorName),
        toolTitle: str(action.toolTitle),
      };
    }
    case 'requestPermissions':
      return { type: 'request_permissions', permissions: permissionProfile(action.permissions) };
    default:
      return null;
  }
}

/** How a completed guardian review ends. */
export type GuardianVerdict =
  | { type: 'approve' | 'deny'; riskLevel?: GuardianReviewRiskLevel; rationale?: string }
  | { type: 'fail_closed'; kind: GuardianFailClosedKind; rationale?: string }
  | { type: 'time_out' | 'abort' };

/**
 * The review's terminal state. A denial without a risk level is the
 * guardian failing closed: a reply that was not valid JSON is a parse
 * error, any other failure a session error. `critical` has no seed risk
 * level, so it is left unset.
 */
export function guardianVerdict(review: unknown): GuardianVerdict | null {
  if (!isObject(review)) return null;
  const rationale = str(review.rationale);
  const riskLevel = str(review.riskLevel);
  const seedRisk = isOneOf(GUARDIAN_RISK_LEVELS, riskLevel) ? riskLevel : undefined;
  switch (review.status) {
    case 'approved':
      return { type: 'approve', riskLevel: seedRisk, rationale };
    case 'denied':
      return riskLevel === undefined
        ? { type: 'fail_closed', kind: rationale?.match(/\bJSON\b|pars/i) ? 'parse_error' : 'session_error', rationale }
        : { type: 'deny', riskLevel: seedRisk, rationale };
    case 'timedOut':
      return { type: 'time_out' };
    case 'aborted':
      return { type: 'abort' };
    default:
      return null;
  }
}
