// A CommonJS consumer: TypeScript must resolve the package's CommonJS types,
// and the compiled require() calls must run the README's setup.
import { BasicTracerProvider } from '@opentelemetry/sdk-trace-base';
import { InMemoryRowSink, ReviewEventProcessor, ReviewTracer, type ReviewRow, type UserReviewSpan } from 'agent-review-telemetry';
import * as semconv from 'agent-review-telemetry/semconv';
import { startReviewTelemetry } from 'agent-review-telemetry/setup';

// Never called: only compiles if the types reject a wrong decision (they are not `any`).
export function wrongDecision(span: UserReviewSpan): void {
  // @ts-expect-error 'perhaps' is not a UserReviewDecision
  span.resolve('perhaps');
}

const sink = new InMemoryRowSink();
const provider = new BasicTracerProvider({ spanProcessors: [new ReviewEventProcessor({ sinks: [sink] })] });
const reviews = new ReviewTracer({ tracerProvider: provider });
const review = reviews.startUserReview({ threadId: 'thread-1', turnId: 'turn-1', requestId: 1, itemId: 'call_1', request: { kind: 'command_execution' } });
review.resolve('accept_for_session');

provider.shutdown().then(() => {
  const rows: ReviewRow[] = sink.getRows();
  if (rows.length !== 1 || rows[0]?.event_type !== 'codex_review_event') throw new Error(`unexpected rows: ${JSON.stringify(rows)}`);
  if (typeof startReviewTelemetry !== 'function' || Object.keys(semconv).length === 0) throw new Error('entry points incomplete');
  if (typeof require !== 'function') throw new Error('compiled to the wrong module format');
  console.log(`commonjs consumer: ${rows.length} ${rows[0].event_type} row`);
});
