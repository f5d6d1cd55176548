/*
 * The `agent-review-telemetry` command line as a function: parses the
 * arguments, runs the subcommand, and answers with the exit status. Output
 * goes to the given streams and usage errors do not end the process, so the
 * same program runs in the bin and in tests.
 */
import { Command, CommanderError } from 'commander';
import { VERSION } from '../index.js';
import type { CliIo, CliOutput } from './CliIo.js';
import { codexProxyCommand } from './codexProxyCommand.js';
import { codexReplayCommand } from './codexReplayCommand.js';
import { initDeployCommand } from './initDeployCommand.js';
import { replayCommand } from './replayCommand.js';
import { summarizeCommand } from './summarizeCommand.js';
import { validateCommand } from './validateCommand.js';

/** Every subcommand: add yours here. */
const SUBCOMMANDS: ReadonlyArray<(io: CliIo) => Command> = [
  codexProxyCommand,
  codexReplayCommand,
  initDeployCommand,
  replayCommand,
  summarizeCommand,
  validateCommand,
];

const width = (stream: CliOutput) => (stream.isTTY === true ? (stream.columns ?? 80) : 80);

function configure(command: Command, io: CliIo): void {
  command.exitOverride().configureOutput({
    writeOut: text => void io.stdout.write(text),
    writeErr: text => void io.stderr.write(text),
    // The streams given, not the process's: help wraps at 80 columns unless they are terminals.
    getOutHelpWidth: () => width(io.stdout),
    getErrHelpWidth: () => width(io.stderr),
  });
  for (const sub of command.commands) configure(sub, io);
}

/** Runs the command line on `args` (without node and the script); resolves with the exit status. */
export async function runCli(args: readonly string[], streams: Omit<CliIo, 'exitCode'>): Promise<number> {
  const io: CliIo = { ...streams, exitCode: 0 };
  const program = new Command('agent-review-telemetry').description('review telemetry for AI coding agents').version(VERSION);
  for (const make of SUBCOMMANDS) program.addCommand(make(io));
  configure(program, io);
  try {
    await program.parseAsync([...args], { from: 'user' });
  } catch (error) {
    // --help, --version and usage errors: commander has written its text already.
    if (error instanceof CommanderError) return error.exitCode;
    // A file that cannot be read or written, and the like: one line, no stack.
    io.stderr.write(`agent-review-telemetry: ${(error as Error).message}\n`);
    return 1;
  }
  return io.exitCode;
}
