/*
 * The streams a command reads and writes and the status it ends with,
 * handed to every command, so each runs the same in its own process and
 * inside a test.
 */

/** A stream that may be a terminal, `columns` wide. */
export type CliOutput = NodeJS.WritableStream & { isTTY?: boolean; columns?: number };

export interface CliIo {
  /** Read by codex-proxy only. */
  stdin: NodeJS.ReadableStream;
  /** Help text wraps at its width when it is a terminal. */
  stdout: CliOutput;
  /** A terminal also gets progress bars. */
  stderr: CliOutput;
  /** The status the command ends with; commands set it, like process.exitCode. Starts at 0. */
  exitCode: number;
}
