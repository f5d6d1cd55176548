/*
 * The scenarios: two app-server sessions, one answered by the user (every
 * decision kind on commands, file changes and permissions, a network
 * escalation, and a cancel that interrupts its turn) and one reviewed by the
 * guardian (allow, deny, medium risk, an unparseable reply, apply_patch,
 * request_permissions, a network escalation). Markers in commands, paths
 * and reasons say how the client or the scripted guardian answers.
 */
import type { Decider } from './AppServerSession.js';
import type { ScriptStep } from './ScriptedModelServer.js';

export interface Scenario {
  name: string;
  approvalsReviewer: 'user' | 'auto_review';
  /** One script per turn. */
  turns: ScriptStep[][];
  /**
   * What Codex's own rows must show, so a script that stops working fails
   * instead of comparing less: `reviewer subject status resolution` per
   * review, `guardian terminal_status risk_level failure_reason` per verdict.
   */
  covers: string[];
}

/** The coverage keys of a scenario's rows (see Scenario.covers). */
export function coverage(rows: Array<{ event_type: string; event_params: Record<string, unknown> }>): Set<string> {
  const keys = new Set<string>();
  for (const { event_type: type, event_params: p } of rows) {
    if (type === 'codex_review_event') keys.add(`${p.reviewer} ${p.subject_kind} ${p.status} ${p.resolution}`);
    if (type === 'codex_guardian_review') {
      keys.add(`guardian ${p.terminal_status} ${p.risk_level} ${p.failure_reason}`);
    }
  }
  return keys;
}

const escalated = (cmd: string): ScriptStep => ({
  call: 'exec_command',
  args: { cmd, sandbox_permissions: 'require_escalated', justification: `may I run ${cmd}?` },
});
const network = (cmd: string): ScriptStep => ({
  call: 'exec_command',
  args: {
    cmd,
    sandbox_permissions: 'with_additional_permissions',
    additional_permissions: { network: { enabled: true } },
    justification: 'needs network',
  },
});
const addFile = (path: string): ScriptStep => ({
  custom: 'apply_patch',
  input: `*** Begin Patch\n*** Add File: ${path}\n+scripted\n*** End Patch\n`,
});
const requestWrite = (dir: string, reason: string): ScriptStep => ({
  call: 'request_permissions',
  args: { permissions: { file_system: { write: [dir] } }, reason },
});

/** Stands for the scenario's run directory in scripts and saved transcripts. */
export const RUN_DIR = '<RUN_DIR>';

export function scenarios(runDir = RUN_DIR): Scenario[] {
  return [
    {
      name: 'user',
      approvalsReviewer: 'user',
      turns: [
        [
          escalated('echo user-accept > accept.txt'),
          escalated('echo user-decline > decline.txt'),
          escalated('echo user-session > session.txt'),
          escalated('echo user-amend > amend.txt'),
          addFile('user-accept-patch.txt'),
          addFile('user-decline-patch.txt'),
          requestWrite(`${runDir}/grant-turn`, 'grant-turn'),
          requestWrite(`${runDir}/grant-session`, 'grant-session'),
          requestWrite(`${runDir}/grant-empty`, 'grant-empty'),
          network('echo user-net'),
          { say: 'Done.' },
        ],
        [escalated('echo user-cancel > cancel.txt'), { say: 'Not reached.' }],
      ],
      covers: [
        'user command_execution approved none',
        'user command_execution denied none',
        'user command_execution approved session_approval',
        'user command_execution approved exec_policy_amendment',
        'user command_execution aborted none',
        'user file_change approved none',
        'user file_change denied none',
        'user permissions approved none',
        'user permissions approved session_approval',
        'user permissions denied none',
      ],
    },
    {
      name: 'guardian',
      approvalsReviewer: 'auto_review',
      turns: [
        [
          escalated('echo guardian-allow > allow.txt'),
          escalated('echo guardian-deny > deny.txt'),
          escalated('echo guardian-garble > garble.txt'),
          escalated('echo guardian-medium > medium.txt'),
          addFile('guardian-patch.txt'),
          requestWrite(`${runDir}/guardian-extra`, 'guardian-permissions'),
          network('echo guardian-net'),
          { say: 'Done.' },
        ],
      ],
      covers: [
        'guardian approved low null',
        'guardian denied high null',
        'guardian failed_closed null parse_error',
        'guardian approved medium null',
        'guardian file_change approved none',
        'guardian permissions approved none',
      ],
    },
  ];
}

const DECISIONS: ReadonlyArray<[marker: string, decision: (params: Record<string, unknown>) => unknown]> = [
  ['user-accept', () => 'accept'],
  ['user-decline', () => 'decline'],
  ['user-session', () => 'acceptForSession'],
  ['user-amend', params => ({ acceptWithExecpolicyAmendment: { execpolicy_amendment: params.proposedExecpolicyAmendment } })],
  ['user-cancel', () => 'cancel'],
  ['user-net', () => 'accept'],
];

/** The scripted user: decides by the marker in the command or the patched path. */
export const scriptedUser: Decider = (method, params, session) => {
  if (method === 'item/permissions/requestApproval') {
    const requested = (params.permissions ?? {}) as Record<string, Record<string, unknown> | null>;
    const fileSystem = requested.fileSystem ? { read: null, write: requested.fileSystem.write ?? null } : undefined;
    const network = requested.network ?? undefined;
    const grant = { ...(fileSystem ? { fileSystem } : {}), ...(network ? { network } : {}) };
    if (params.reason === 'grant-turn') return { permissions: grant, scope: 'turn' };
    if (params.reason === 'grant-session') return { permissions: grant, scope: 'session' };
    return { permissions: {}, scope: 'turn' };
  }
  if (method !== 'item/commandExecution/requestApproval' && method !== 'item/fileChange/requestApproval') {
    return undefined;
  }
  const text = JSON.stringify(params) + JSON.stringify(session.items.get(String(params.itemId)) ?? {});
  const found = DECISIONS.find(([marker]) => text.includes(marker));
  return { decision: found ? found[1](params) : 'decline' };
};
