#!/usr/bin/env node
/* The `agent-review-telemetry` bin: the command line on this process's arguments and streams. */
import { runCli } from './cliProgram.js';
import { logToStderr } from './stderrDiagLogger.js';

logToStderr();
process.exitCode = await runCli(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
