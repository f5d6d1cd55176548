// A CommonJS consumer: TypeScript must resolve the package's CommonJS types,
// and the compiled require() calls must run the README's two setups, a plain
// TracerProvider and NodeSDK, on whichever OpenTelemetry line the project
// installed.
import { readFileSync } from 'node:fs';
import { NodeSDK } from '@opentelemetry/sdk-node';
import { TracerProvider } from '@opentelemetry/sdk-trace';
import {
  InMemoryRowSink,
  JsonlFileRowSink,
  ReviewEventProcessor,
  ReviewTracer,
  type ReviewRow,
  type UserReviewSpan,
} from 'agent-review-telemetry';
import * as semconv from 'agent-review-telemetry/semconv';
import { startReviewTelemetry } from 'agent-review-telemetry/setup';

// Never called: only compiles if the types reject a wrong decision (they are not `any`).
export function wrongDecision(span: UserReviewSpan): void {
  // @ts-expect-error 'perhaps' is not a UserReviewDecision
  span.resolve('perhaps');
}

function review(reviews: ReviewTracer): void {
  reviews
    .startUserReview({ threadId: 'thread-1', turnId: 'turn-1', requestId: 1, itemId: 'call_1', request: { kind: 'command_execution' } })
    .resolve('accept_for_session');
}

function expectOneReviewRow(rows: ReviewRow[], setup: string): void {
  if (rows.length !== 1 || rows[0]?.event_type !== 'codex_review_event') {
    throw new Error(`${setup}: unexpected rows: ${JSON.stringify(rows)}`);
  }
  console.log(`commonjs consumer, ${setup}: ${rows.length} ${rows[0].event_type} row`);
}

async function main(): Promise<void> {
  // The plain provider setup.
  const sink = new InMemoryRowSink();
  const provider = new TracerProvider({ spanProcessors: [new ReviewEventProcessor({ sinks: [sink] })] });
  review(new ReviewTracer({ tracerProvider: provider }));
  await provider.shutdown();
  expectOneReviewRow(sink.getRows(), 'TracerProvider');

  // The NodeSDK setup: rows to a JSONL file, the tracer from the global provider.
  const path = 'cjs-review-events.jsonl';
  const sdk = new NodeSDK({ spanProcessors: [new ReviewEventProcessor({ sinks: [new JsonlFileRowSink({ path, truncate: true })] })] });
  sdk.start();
  review(new ReviewTracer());
  await sdk.shutdown();
  const lines = readFileSync(path, 'utf8').trim().split('\n');
  expectOneReviewRow(lines.map(line => JSON.parse(line) as ReviewRow), 'NodeSDK');

  if (typeof startReviewTelemetry !== 'function' || Object.keys(semconv).length === 0) throw new Error('entry points incomplete');
  if (typeof require !== 'function') throw new Error('compiled to the wrong module format');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
