#!/usr/bin/env node
/* The `agent-review-telemetry` bin: the command line on this process's arguments and streams. */
import { runCli } from './cliProgram.js';
import { logToStderr } from './stderrDiagLogger.js';

logToStderr();
const code = await runCli(process.argv.slice(2), { stdin: process.stdin, stdout: process.stdout, stderr: process.stderr });
// Exit once stdout is written: a child codex-proxy ran has left stdin open, and a flush
// that timed out may still hold sockets.
process.stdout.write('', () => process.exit(code));
