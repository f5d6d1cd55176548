/*
 * The exit hooks in this process (test/exitHooks.test.ts checks the same in
 * real child processes, which mutation testing leaves out): signals and
 * `beforeExit` emitted by hand, with process.kill caught so the test
 * worker lives on.
 */
import { ExportResultCode } from '@opentelemetry/core';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { RowSink } from '../src/index.js';
import { type ReviewTelemetry, startReviewTelemetry } from '../src/setup/index.js';
import { shutdownOnExit } from './support/internals.js';
import { isolateOtelEnv } from './support/otelEnv.js';

const EVENTS = ['SIGTERM', 'SIGINT', 'beforeExit'] as const;
type ExitEvent = (typeof EVENTS)[number];

/** How many listeners each exit event has. */
const listenerCounts = () => Object.fromEntries(EVENTS.map(event => [event, process.listenerCount(event)]));

/** A row sink that notes when it is shut down, into `happened`. */
function notingSink(happened: string[]): RowSink {
  return {
    export: (_rows, done) => done({ code: ExportResultCode.SUCCESS }),
    shutdown: async () => void happened.push('sink shut down'),
  };
}

/** Emits an exit event as Node does: a signal's listeners get its name. */
function emitExit(event: ExitEvent): void {
  if (event === 'beforeExit') process.emit(event, 0);
  else process.emit(event, event);
}

describe('shutdown on exit, in process', () => {
  let happened: string[];
  let telemetry: ReviewTelemetry | undefined;
  let before: Record<string, number>;
  // The runner's own listeners, set aside so that only ours decide whether a signal is raised again.
  let runners: Map<ExitEvent, Array<(...args: unknown[]) => void>>;
  const emitter: NodeJS.EventEmitter = process;
  const noop = () => {};
  isolateOtelEnv();

  beforeEach(() => {
    runners = new Map(EVENTS.map(event => [event, emitter.listeners(event) as Array<(...args: unknown[]) => void>]));
    for (const event of EVENTS) emitter.removeAllListeners(event);
    happened = [];
    vi.spyOn(process, 'kill').mockImplementation((_pid, signal) => {
      happened.push(`kill ${String(signal)}`);
      return true;
    });
    before = listenerCounts();
  });
  afterEach(async () => {
    await telemetry?.shutdown();
    telemetry = undefined;
    vi.restoreAllMocks();
    for (const event of EVENTS) {
      emitter.off(event, noop);
      for (const listener of runners.get(event) ?? []) emitter.on(event, listener);
    }
  });

  const start = (options: { shutdownOnExit?: boolean } = {}) =>
    (telemetry = startReviewTelemetry({ rowSinks: [notingSink(happened)], ...options }));

  it('hooks SIGTERM, SIGINT and beforeExit by default', () => {
    start();
    expect(listenerCounts()).toEqual({ SIGTERM: 1, SIGINT: 1, beforeExit: 1 });
  });

  it('shutdownOnExit: false hooks nothing', () => {
    start({ shutdownOnExit: false });
    expect(listenerCounts()).toEqual(before);
  });

  for (const event of EVENTS) {
    it(`${event} shuts telemetry down once and unhooks every exit event`, async () => {
      for (const other of EVENTS) process.on(other, noop);
      start();
      emitExit(event);
      emitExit(event);
      await expect.poll(() => happened).toContain('sink shut down');
      await telemetry!.shutdown();
      expect(happened).toEqual(['sink shut down']);
      expect(listenerCounts()).toEqual({ SIGTERM: 1, SIGINT: 1, beforeExit: 1 });
    });
  }

  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    it(`${signal} with no other listener is raised again once telemetry is shut down`, async () => {
      start();
      emitExit(signal);
      await expect.poll(() => happened).toContain(`kill ${signal}`);
      expect(happened).toEqual(['sink shut down', `kill ${signal}`]);
      expect(vi.mocked(process.kill)).toHaveBeenCalledWith(process.pid, signal);
    });
  }

  it('a signal that another listener handles is not raised again', async () => {
    process.on('SIGTERM', noop);
    start();
    emitExit('SIGTERM');
    await expect.poll(() => happened).toContain('sink shut down');
    await telemetry!.shutdown();
    expect(happened).toEqual(['sink shut down']);
  });

  it('beforeExit does not raise anything', async () => {
    start();
    emitExit('beforeExit');
    await expect.poll(() => happened).toContain('sink shut down');
    await telemetry!.shutdown();
    expect(happened).toEqual(['sink shut down']);
  });

  it('shutdown() unhooks every exit event', async () => {
    await start().shutdown();
    expect(listenerCounts()).toEqual(before);
  });

  for (const event of EVENTS) {
    it(`the hooks unhook themselves on ${event}, whatever the shutdown they run`, async () => {
      for (const other of EVENTS) process.on(other, noop);
      let shutdowns = 0;
      shutdownOnExit(async () => void shutdowns++);
      emitExit(event);
      await expect.poll(() => shutdowns).toBe(1);
      expect(listenerCounts()).toEqual({ SIGTERM: 1, SIGINT: 1, beforeExit: 1 });
    });
  }
});
