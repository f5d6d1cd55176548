/*
 * A real OTLP/HTTP logs endpoint on 127.0.0.1 that fails on cue: each
 * request gets the next answer of a script (then `ok`), or 503 until
 * released. It records the review ids of the rows it accepted, and stops
 * by itself (unref'd; `close()` ends every connection).
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Answer = 'ok' | '503' | '429' | '408' | '307' | '400' | '500' | 'hang' | 'reset';

interface OtlpJsonLogs {
  resourceLogs: {
    scopeLogs: {
      logRecords: { body: { kvlistValue: { values: { key: string; value: { stringValue?: string } }[] } } }[];
    }[];
  }[];
}

function reviewIds(body: string): string[] {
  const logs = JSON.parse(body) as OtlpJsonLogs;
  return logs.resourceLogs.flatMap(resource =>
    resource.scopeLogs.flatMap(scope =>
      scope.logRecords.map(
        record => record.body.kvlistValue.values.find(field => field.key === 'review_id')?.value.stringValue ?? ''
      )
    )
  );
}

export interface FlakyCollector {
  url: string;
  /** Review ids of the rows accepted, in arrival order. */
  received: string[];
  /** Answers given, one per request. */
  answers: Answer[];
  /** Resolves once `count` requests have arrived. */
  requests(count: number): Promise<void>;
  /** Ends a `failUntilReleased` outage. */
  release(): void;
  close(): Promise<void>;
}

export async function startFlakyCollector(
  script: Answer[] | { failUntilReleased: Answer }
): Promise<FlakyCollector> {
  const queue = Array.isArray(script) ? [...script] : [];
  let outage: Answer | undefined = Array.isArray(script) ? undefined : script.failUntilReleased;
  const received: string[] = [];
  const answers: Answer[] = [];
  const hanging: ServerResponse[] = [];
  let waiters: { count: number; resolve: () => void }[] = [];

  const answer = (request: IncomingMessage, response: ServerResponse, body: string) => {
    const next = outage ?? queue.shift() ?? 'ok';
    answers.push(next);
    waiters = waiters.filter(waiter => {
      if (answers.length < waiter.count) return true;
      waiter.resolve();
      return false;
    });
    switch (next) {
      case 'ok':
        received.push(...reviewIds(body));
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
        return;
      case '503':
        response.writeHead(503).end();
        return;
      case '429':
        response.writeHead(429, { 'retry-after': '1' }).end();
        return;
      case '408':
      case '500':
        response.writeHead(Number(next)).end();
        return;
      case '307':
        response.writeHead(307, { location: request.url }).end();
        return;
      case '400':
        response.writeHead(400).end('bad request');
        return;
      case 'hang':
        hanging.push(response);
        return;
      case 'reset':
        request.socket.destroy();
        return;
    }
  };

  const server = createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => answer(request, response, Buffer.concat(chunks).toString('utf8')));
  });
  server.unref();
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/v1/logs`,
    received,
    answers,
    requests: count =>
      answers.length >= count ? Promise.resolve() : new Promise(resolve => waiters.push({ count, resolve })),
    release: () => {
      outage = undefined;
    },
    close: () =>
      new Promise(resolve => {
        for (const response of hanging) response.destroy();
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
