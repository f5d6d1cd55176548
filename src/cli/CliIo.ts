/*
 * Where a command writes and the status it ends with, handed to every
 * command, so each runs the same in its own process and inside a test.
 */

export interface CliOutput {
  write(text: string): unknown;
}

export interface CliIo {
  stdout: CliOutput;
  /** A terminal (isTTY) also gets progress bars. */
  stderr: CliOutput & { isTTY?: boolean; columns?: number };
  /** The status the command ends with; commands set it, like process.exitCode. Starts at 0. */
  exitCode: number;
}
