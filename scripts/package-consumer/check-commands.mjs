// The four commands of the bin, run the way a user runs them in a project
// that installed the tarball: through `npx`, on a rows file the installed
// package wrote. replay sends to a loopback OTLP/HTTP receiver started here
// (http/json, so the records can be counted without a protobuf decoder).
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import { JsonlFileRowSink, ReviewEventProcessor, ReviewTracer } from 'agent-review-telemetry';

const rowsPath = 'commands-rows.jsonl';
const sink = new JsonlFileRowSink({ path: rowsPath, truncate: true });
const provider = new TracerProvider({ spanProcessors: [new ReviewEventProcessor({ sinks: [sink] })] });
const reviews = new ReviewTracer({ tracerProvider: provider });
for (let i = 0; i < 3; i++) {
  reviews
    .startUserReview({ threadId: 'thread-1', turnId: 'turn-1', requestId: i, itemId: `call_${i}`, request: { kind: 'command_execution' } })
    .resolve(i === 0 ? 'decline' : 'accept');
}
await provider.shutdown();
const rowCount = readFileSync(rowsPath, 'utf8').trim().split('\n').length;
if (rowCount !== 3) throw new Error(`expected 3 rows in ${rowsPath}, found ${rowCount}`);

/** Runs `npx --no-install agent-review-telemetry ...args`; resolves with its exit code and output. */
function npx(args, env = process.env) {
  return new Promise(resolve => {
    execFile('npx', ['--no-install', 'agent-review-telemetry', ...args], { env }, (error, stdout, stderr) => {
      resolve({ code: error ? (error.code ?? 1) : 0, stdout, stderr });
    });
  });
}

function check(label, condition, result) {
  if (!condition) throw new Error(`${label}\nstdout: ${result.stdout}\nstderr: ${result.stderr}`);
  console.log(`ok ${label}`);
}

const summary = await npx(['summarize', rowsPath, '--json']);
check('npx summarize --json counts the rows', summary.code === 0 && JSON.parse(summary.stdout).rowsByEventType.codex_review_event === 3, summary);

const valid = await npx(['validate', rowsPath]);
check('npx validate accepts the rows', valid.code === 0 && valid.stdout.includes('3 valid, 0 invalid'), valid);

const broken = JSON.parse(readFileSync(rowsPath, 'utf8').split('\n')[0]);
delete broken.event_params.thread_id;
writeFileSync('broken-rows.jsonl', `${JSON.stringify(broken)}\n`);
const invalid = await npx(['validate', 'broken-rows.jsonl']);
check('npx validate exits 1 on an invalid row, naming its line', invalid.code === 1 && invalid.stdout.includes('line 1'), invalid);

let records = 0;
const receiver = createServer((request, response) => {
  let body = '';
  request.on('data', chunk => (body += chunk));
  request.on('end', () => {
    if (request.url === '/v1/logs') {
      for (const resourceLogs of JSON.parse(body).resourceLogs ?? []) {
        for (const scopeLogs of resourceLogs.scopeLogs ?? []) records += scopeLogs.logRecords?.length ?? 0;
      }
    }
    response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
  });
});
await new Promise(resolve => receiver.listen(0, '127.0.0.1', resolve));
const endpoint = `http://127.0.0.1:${receiver.address().port}`;
const replay = await npx(['replay', rowsPath, '--endpoint', endpoint], { ...process.env, OTEL_EXPORTER_OTLP_LOGS_PROTOCOL: 'http/json' });
receiver.close();
check('npx replay sends every row as an OTLP log record', replay.code === 0 && records === 3 && replay.stdout.includes('3 written, 0 dropped'), replay);

const deploy = await npx(['init-deploy', 'npx-kit']);
check('npx init-deploy writes the kit', deploy.code === 0 && existsSync('npx-kit/docker-compose.yaml'), deploy);
