/*
 * A simulated Codex-style agent run: threads, turns, tool items, and the
 * reviews that gate them, with every subject kind, both reviewers and every
 * outcome. Times come from a virtual clock so the run is instant and the
 * figures are reproducible for a given seed.
 */
import { type Context, context, type HrTime, SpanKind, type Tracer, trace } from '@opentelemetry/api';
import type {
  GuardianReviewedActionInput,
  ReviewTracer,
  ThreadContext,
  ToolItemDetails,
  ToolItemSpan,
} from '../src/index.js';
import type { GuardianToolCallKind, ToolItemKind } from '../src/semconv/values.js';

/** Deterministic PRNG (mulberry32). */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

class VirtualClock {
  constructor(public nowMs: number) {}
  advance(ms: number): HrTime {
    this.nowMs += Math.round(ms);
    return this.hr();
  }
  hr(): HrTime {
    const seconds = Math.floor(this.nowMs / 1000);
    return [seconds, (this.nowMs - seconds * 1000) * 1e6];
  }
}

export interface SimulationOptions {
  seed: number;
  /** Turns per thread after the scripted ones. */
  extraTurns: number;
  /** Epoch ms the simulated run starts at. */
  startMs: number;
  /** Real time to wait between turns, so exporters see the run unfold. Default 0. */
  turnDelayMs?: number;
}

interface Turn {
  thread: ThreadContext;
  parent: Context;
  itemSeq: number;
}

const GUARDIAN_MODEL = 'gpt-5.4';

export class AgentRunSimulation {
  private readonly _random: () => number;
  private readonly _clock: VirtualClock;
  private _reviewSeq = 0;
  private _requestSeq = 40;

  constructor(
    private readonly _reviews: ReviewTracer,
    private readonly _tracer: Tracer,
    private readonly _options: SimulationOptions
  ) {
    this._random = seededRandom(_options.seed);
    this._clock = new VirtualClock(_options.startMs);
  }

  /** Runs every scripted episode once, then random extra turns. */
  async run(): Promise<void> {
    const main = { threadId: 'thread-main', threadSource: 'user' };
    const sub = {
      threadId: 'thread-sub',
      threadSource: 'subagent',
      subagentSource: 'thread_spawn',
      parentThreadId: 'thread-main',
    };
    const second = { threadId: 'thread-second', threadSource: 'user' };
    await this._turn(main, 'turn-1', turn => {
      this._plainItem(turn, 'command_execution', 'shell', { commandSource: 'agent', readActions: 1, listFilesActions: 1 });
      this._userReviewedCommand(turn, 'accept');
      this._guardianReviewedItem(turn, 'file_change', 'apply_patch', { type: 'apply_patch', cwd: '/repo', files: ['src/app.ts'] }, 'approve');
      this._guardianNetworkReview(turn, 'deny');
      this._guardianTimeoutThenUser(turn);
    });
    await this._turn(main, 'turn-2', turn => {
      this._guardianReviewedItem(turn, 'command_execution', 'shell', { type: 'shell', sandboxPermissions: 'require_escalated', command: ['rm', '-rf', 'dist'] }, 'deny');
      this._guardianReviewedItem(turn, 'command_execution', 'shell', { type: 'execve', source: 'shell', program: '/usr/bin/curl', argv: ['curl', 'example.com'] }, 'parse_error');
      this._userPermissions(turn, 'empty');
      this._userPermissions(turn, 'session');
      this._userNetworkApproval(turn, 'network_policy_amendment_allow');
      this._plainItem(turn, 'web_search', 'web_search', { webSearchAction: 'search', queryPresent: true, queryCount: 2 });
      this._plainItem(turn, 'image_generation', 'image_generation', { revisedPromptPresent: true, savedPathPresent: true });
      this._plainItem(turn, 'dynamic_tool_call', 'lookup_docs', { dynamicToolName: 'lookup_docs', success: true, outputContentItems: 1, outputTextItems: 1 });
    });
    await this._turn(sub, 'turn-1', turn => {
      this._guardianReviewedItem(turn, 'command_execution', 'unified_exec', { type: 'unified_exec', sandboxPermissions: 'use_default', tty: true }, 'approve', true);
      this._userReviewedFileChange(turn, 'decline');
      this._userReviewedCommand(turn, 'abort');
      this._guardianReviewedItem(turn, 'command_execution', 'shell', { type: 'shell', sandboxPermissions: 'use_default' }, 'cancelled', true);
      this._plainItem(turn, 'collab_agent_tool_call', 'spawn_agent', { senderThreadId: 'thread-sub', receiverThreadIds: ['thread-sub-2'], agentStates: 1, completedAgents: 1, failedAgents: 0 });
      this._plainItem(turn, 'control_tool_call', 'update_plan', { success: true });
    });
    await this._turn(second, 'turn-1', turn => {
      this._guardianReviewedItem(turn, 'mcp_tool_call', 'create_pr', { type: 'mcp_tool_call', server: 'github', toolName: 'create_pr', connectorId: 'github', connectorName: 'GitHub', toolTitle: 'Create PR', arguments: { title: 'Fix flaky test' } }, 'session_error');
      this._guardianReviewedItem(turn, 'file_change', 'apply_patch', { type: 'apply_patch' }, 'prompt_build_error');
      this._guardianPermissions(turn);
      this._userReviewedCommand(turn, 'accept_with_exec_policy_amendment');
      this._userNetworkApproval(turn, 'network_policy_amendment_deny');
      this._userReviewedCommand(turn, 'cancel');
    });
    const threads = [main, sub, second];
    for (let i = 0; i < this._options.extraTurns; i++) {
      const thread = threads[i % threads.length] as (typeof threads)[number];
      await this._turn(thread, `turn-${3 + i}`, turn => this._randomTurn(turn));
    }
  }

  private _randomTurn(turn: Turn): void {
    const episodes = [
      () => this._plainItem(turn, 'command_execution', 'shell', { commandSource: 'agent', searchActions: 1 }),
      () => this._userReviewedCommand(turn, this._pick(['accept', 'accept', 'accept_for_session', 'decline'] as const)),
      () =>
        this._guardianReviewedItem(
          turn,
          'command_execution',
          'shell',
          { type: 'shell', sandboxPermissions: 'require_escalated' },
          this._pick(['approve', 'approve', 'approve', 'deny', 'timeout', 'parse_error'] as const)
        ),
      () =>
        this._guardianReviewedItem(turn, 'file_change', 'apply_patch', { type: 'apply_patch' }, this._pick(['approve', 'approve', 'deny'] as const)),
      () => this._guardianNetworkReview(turn, this._pick(['approve', 'deny'] as const)),
      () => this._userPermissions(turn, this._pick(['turn', 'session', 'empty'] as const)),
    ];
    const count = 2 + Math.floor(this._random() * 4);
    for (let i = 0; i < count; i++) this._pick(episodes)();
  }

  private async _turn(thread: Omit<ThreadContext, 'turnId'>, turnId: string, body: (turn: Turn) => void): Promise<void> {
    const span = this._tracer.startSpan(
      'invoke_agent codex',
      { kind: SpanKind.INTERNAL, startTime: this._clock.advance(500), attributes: { 'gen_ai.operation.name': 'invoke_agent', 'gen_ai.agent.name': 'codex', 'gen_ai.conversation.id': thread.threadId } },
      context.active()
    );
    body({ thread: { ...thread, turnId }, parent: trace.setSpan(context.active(), span), itemSeq: 0 });
    span.end(this._clock.advance(200));
    const delay = this._options.turnDelayMs ?? 0;
    if (delay > 0) await new Promise(resolve => setTimeout(resolve, delay));
  }

  private _startItem(turn: Turn, kind: ToolItemKind, toolName: string, details?: ToolItemDetails): ToolItemSpan {
    turn.itemSeq++;
    return this._reviews.startToolItem({
      ...turn.thread,
      itemId: `call_${turn.thread.threadId.slice(7)}_${turn.thread.turnId.slice(5)}_${turn.itemSeq}`,
      kind,
      toolName,
      details,
      sessionId: 'session-demo',
      startTime: this._clock.advance(this._between(50, 400)),
      parent: turn.parent,
    });
  }

  private _finishItem(item: ToolItemSpan, status: 'completed' | 'failed' | 'declined' | 'interrupted', details: ToolItemDetails = {}): void {
    const executionMs = status === 'completed' ? Math.round(this._between(20, 3000)) : 0;
    this._clock.advance(executionMs);
    item.finish({ status, details: { executionDurationMs: executionMs, ...details }, endTime: this._clock.advance(this._between(5, 40)) });
  }

  private _plainItem(turn: Turn, kind: ToolItemKind, toolName: string, details: ToolItemDetails): void {
    const item = this._startItem(turn, kind, toolName, details);
    this._finishItem(item, this._random() < 0.9 ? 'completed' : 'failed', kind === 'command_execution' ? { exitCode: 0 } : {});
  }

  private _userReviewedCommand(
    turn: Turn,
    decision: 'accept' | 'accept_for_session' | 'accept_with_exec_policy_amendment' | 'decline' | 'cancel' | 'abort'
  ): void {
    const item = this._startItem(turn, 'command_execution', 'shell', { commandSource: 'agent' });
    const review = this._reviews.startUserReview({
      ...turn.thread,
      requestId: ++this._requestSeq,
      itemId: item.itemId,
      request: { kind: 'command_execution', additionalPermissions: { fileSystem: { write: ['/repo/node_modules'] } } },
      startTime: this._clock.advance(10),
      parent: item.context(turn.parent),
    });
    const endTime = this._clock.advance(this._humanWait());
    if (decision === 'abort') review.abort({ endTime });
    else review.resolve(decision, { endTime });
    const approved = decision.startsWith('accept');
    this._finishItem(item, approved ? 'completed' : 'declined', approved ? { exitCode: 0 } : {});
  }

  private _userReviewedFileChange(turn: Turn, decision: 'accept' | 'decline'): void {
    const item = this._startItem(turn, 'file_change', 'apply_patch');
    this._reviews
      .startUserReview({
        ...turn.thread,
        requestId: ++this._requestSeq,
        itemId: item.itemId,
        request: { kind: 'file_change', grantRoot: '/repo' },
        startTime: this._clock.advance(10),
        parent: item.context(turn.parent),
      })
      .resolve(decision, { endTime: this._clock.advance(this._humanWait()) });
    this._finishItem(item, decision === 'accept' ? 'completed' : 'declined', { fileChanges: 2, fileAdds: 1, fileUpdates: 1, fileDeletes: 0, fileMoves: 0 });
  }

  private _userPermissions(turn: Turn, grant: 'turn' | 'session' | 'empty'): void {
    this._reviews
      .startUserReview({
        ...turn.thread,
        requestId: ++this._requestSeq,
        request: { kind: 'permissions', permissions: { network: { enabled: true } } },
        startTime: this._clock.advance(30),
        parent: turn.parent,
      })
      .grant({
        scope: grant === 'session' ? 'session' : 'turn',
        permissions: grant === 'empty' ? {} : { network: { enabled: true } },
        endTime: this._clock.advance(this._humanWait()),
      });
  }

  private _userNetworkApproval(turn: Turn, decision: 'network_policy_amendment_allow' | 'network_policy_amendment_deny'): void {
    this._reviews
      .startUserReview({
        ...turn.thread,
        requestId: ++this._requestSeq,
        request: { kind: 'command_execution', networkApprovalContext: true, proposedNetworkPolicyAmendments: 1 },
        startTime: this._clock.advance(30),
        parent: turn.parent,
      })
      .resolve(decision, { endTime: this._clock.advance(this._humanWait()) });
  }

  private _guardianNetworkReview(turn: Turn, verdict: 'approve' | 'deny'): void {
    this._guardianReview(turn, undefined, { type: 'network_access', protocol: 'https', port: 443, target: 'https://registry.npmjs.org', host: 'registry.npmjs.org' }, verdict, false, turn.parent);
  }

  private _guardianPermissions(turn: Turn): void {
    this._guardianReview(turn, undefined, { type: 'request_permissions', permissions: { fileSystem: { write: ['/tmp'] } } }, 'approve', false, turn.parent);
  }

  private _guardianTimeoutThenUser(turn: Turn): void {
    const item = this._startItem(turn, 'mcp_tool_call', 'search_issues', { mcpServer: 'github', mcpToolName: 'search_issues', connectorId: 'github' });
    const parent = item.context(turn.parent);
    this._guardianReview(turn, item.itemId, { type: 'mcp_tool_call', server: 'github', toolName: 'search_issues' }, 'timeout', false, parent);
    this._reviews
      .startUserReview({
        ...turn.thread,
        requestId: ++this._requestSeq,
        itemId: item.itemId,
        request: { kind: 'command_execution' },
        startTime: this._clock.advance(10),
        parent,
      })
      .resolve('accept_for_session', { endTime: this._clock.advance(this._humanWait()) });
    this._finishItem(item, 'completed', { mcpErrorPresent: false });
  }

  private _guardianReviewedItem(
    turn: Turn,
    kind: ToolItemKind,
    toolName: string,
    action: GuardianReviewedActionInput,
    verdict: GuardianVerdict,
    delegated = false
  ): void {
    const item = this._startItem(turn, kind, toolName, kind === 'mcp_tool_call' ? { mcpServer: 'github', mcpToolName: toolName } : undefined);
    this._guardianReview(turn, item.itemId, action, verdict, delegated, item.context(turn.parent));
    const allowed = verdict === 'approve';
    this._finishItem(item, allowed ? 'completed' : verdict === 'cancelled' ? 'interrupted' : 'declined', allowed && kind === 'command_execution' ? { exitCode: 0 } : {});
  }

  private _guardianReview(
    turn: Turn,
    targetItemId: string | undefined,
    action: GuardianReviewedActionInput,
    verdict: GuardianVerdict,
    delegated: boolean,
    parent: Context
  ): void {
    const timeoutMs = 90_000;
    const review = this._reviews.startGuardianReview({
      ...turn.thread,
      reviewId: `guardian-review-${++this._reviewSeq}`,
      targetItemId,
      action,
      delegated,
      timeoutMs,
      model: GUARDIAN_MODEL,
      providerName: 'openai',
      reasoningEffort: 'low',
      sessionKind: this._reviewSeq === 1 ? 'trunk_spawned' : delegated ? 'ephemeral_forked' : 'trunk_reused',
      guardianThreadId: 'guardian-thread-1',
      priorReviewContext: this._reviewSeq > 1,
      productClientId: 'codex_demo',
      startTime: this._clock.advance(15),
      parent,
    });
    if (verdict === 'prompt_build_error') {
      review.failClosed('prompt_build_error', { riskLevel: 'high', endTime: this._clock.advance(this._between(5, 40)) });
      return;
    }
    review.recordFirstToken(this._clock.advance(this._between(180, 900)));
    const calls = Math.floor(this._random() * 5);
    for (let i = 0; i < calls; i++) {
      review.recordToolCall(this._pick(GUARDIAN_TOOLS), { time: this._clock.advance(this._between(100, 800)) });
    }
    const input = Math.round(this._between(1500, 9000));
    review.recordTokenUsage({
      inputTokens: input,
      cachedInputTokens: Math.round(input * this._between(0.2, 0.8)),
      outputTokens: Math.round(this._between(40, 400)),
      reasoningOutputTokens: Math.round(this._between(10, 200)),
    });
    if (verdict === 'timeout') {
      this._clock.advance(timeoutMs - 3000);
      review.timeOut({ endTime: this._clock.advance(10) });
      return;
    }
    const endTime = this._clock.advance(this._between(400, 4000));
    switch (verdict) {
      case 'approve':
        return review.approve({ riskScore: Math.round(this._between(2, 30)), riskLevel: 'low', rationale: 'routine change inside the workspace', endTime });
      case 'deny':
        return review.deny({ riskScore: Math.round(this._between(70, 99)), riskLevel: 'high', rationale: 'destructive or exfiltrating action', endTime });
      case 'cancelled':
        return review.abort({ endTime });
      default:
        return review.failClosed(verdict, { riskScore: 100, riskLevel: 'high', error: new Error(`guardian ${verdict}`), endTime });
    }
  }

  private _humanWait(): number {
    // Most answers take seconds, some a minute or more.
    return this._random() < 0.8 ? this._between(1500, 12000) : this._between(20000, 240000);
  }

  private _between(low: number, high: number): number {
    return low + this._random() * (high - low);
  }

  private _pick<T>(values: readonly T[]): T {
    return values[Math.floor(this._random() * values.length)] as T;
  }
}

type GuardianVerdict = 'approve' | 'deny' | 'timeout' | 'cancelled' | 'parse_error' | 'session_error' | 'prompt_build_error';

const GUARDIAN_TOOLS: readonly GuardianToolCallKind[] = ['shell', 'shell', 'unified_exec', 'mcp', 'web_search', 'view_image', 'apply_patch', 'dynamic', 'image_generation'];
