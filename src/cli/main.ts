#!/usr/bin/env node
/* The `agent-review-telemetry` command line: one bin, one file per subcommand. */
import { Command } from 'commander';
import { VERSION } from '../index.js';
import { codexProxyCommand } from './codexProxyCommand.js';
import { codexReplayCommand } from './codexReplayCommand.js';
import { logToStderr } from './stderrDiagLogger.js';
import { summarizeCommand } from './summarizeCommand.js';
import { validateCommand } from './validateCommand.js';

/** Every subcommand: add yours here. */
const SUBCOMMANDS: ReadonlyArray<() => Command> = [
  codexProxyCommand,
  codexReplayCommand,
  summarizeCommand,
  validateCommand,
];

logToStderr();

const program = new Command('agent-review-telemetry')
  .description('review telemetry for AI coding agents')
  .version(VERSION);
for (const make of SUBCOMMANDS) program.addCommand(make());

await program.parseAsync(process.argv);
