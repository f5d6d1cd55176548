/*
 * Telemetry flushed when the process is about to end: on SIGTERM and SIGINT,
 * and on `beforeExit` when the event loop runs dry. After a signal, once the
 * flush is done, the signal is raised again if nothing else listens for it,
 * so the process ends as it would have without us.
 */
const SIGNALS = ['SIGTERM', 'SIGINT'] as const;

/** Hooks `shutdown` to the process's end; returns the function that unhooks it. */
export function shutdownOnExit(shutdown: () => Promise<void>): () => void {
  const onSignal = (signal: NodeJS.Signals) => {
    unhook();
    void shutdown().finally(() => {
      if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
    });
  };
  const onBeforeExit = () => {
    unhook();
    void shutdown();
  };
  const unhook = () => {
    for (const signal of SIGNALS) process.off(signal, onSignal);
    process.off('beforeExit', onBeforeExit);
  };
  for (const signal of SIGNALS) process.once(signal, onSignal);
  process.once('beforeExit', onBeforeExit);
  return unhook;
}
