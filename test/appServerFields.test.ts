/* Rows carry the app-server client and runtime from the span, else from the resource. */
import { afterEach, describe, expect, it } from 'vitest';
import * as A from '../src/semconv/index.js';
import { createPipeline, type Pipeline, THREAD } from './pipeline.js';

let pipeline: Pipeline;
afterEach(async () => {
  await pipeline.shutdown();
});

const CLIENT = {
  productClientId: 'probe',
  clientName: 'probe',
  clientVersion: '1.2.3',
  rpcTransport: 'stdio',
  experimentalApiEnabled: true,
};
const RUNTIME = { version: '0.169.0', os: 'linux', osVersion: '12.0.0', arch: 'x86_64' };

async function rowsOfOneReviewedItem() {
  const item = pipeline.reviews.startToolItem({ ...THREAD, itemId: 'c1', kind: 'command_execution', toolName: 'shell', appServerClient: CLIENT, runtime: RUNTIME });
  pipeline.reviews
    .startUserReview({ ...THREAD, requestId: 1, itemId: 'c1', request: { kind: 'command_execution' }, appServerClient: CLIENT, runtime: RUNTIME })
    .resolve('accept');
  item.finish({ status: 'completed' });
  return pipeline.params();
}

describe('app_server_client and runtime', () => {
  it('fills codex_review_event and tool item rows from the helper options, in Codex shape', async () => {
    pipeline = createPipeline();
    const expected = {
      app_server_client: {
        product_client_id: 'probe',
        client_name: 'probe',
        client_version: '1.2.3',
        rpc_transport: 'stdio',
        experimental_api_enabled: true,
      },
      runtime: { codex_rs_version: '0.169.0', runtime_os: 'linux', runtime_os_version: '12.0.0', runtime_arch: 'x86_64' },
    };
    const rows = await rowsOfOneReviewedItem();
    expect(rows).toHaveLength(2);
    for (const row of rows) expect(row).toMatchObject(expected);
  });

  it('falls back to the resource when the span does not carry them', async () => {
    pipeline = createPipeline({ resourceAttributes: { [A.ATTR_CLIENT_NAME]: 'from-resource', [A.ATTR_RUNTIME_OS]: 'linux' } });
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('decline');
    const [row] = await pipeline.params();
    expect(row).toMatchObject({
      app_server_client: { client_name: 'from-resource', product_client_id: null, client_version: null },
      runtime: { runtime_os: 'linux', codex_rs_version: null },
    });
  });

  it('keeps the runtime of a span that carries no client fields', async () => {
    pipeline = createPipeline();
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' }, runtime: RUNTIME }).resolve('decline');
    const [row] = await pipeline.params();
    expect(row).toMatchObject({ app_server_client: null, runtime: { runtime_os: 'linux', runtime_arch: 'x86_64' } });
  });

  it('writes null when neither the span nor the resource carries them', async () => {
    pipeline = createPipeline();
    pipeline.reviews.startUserReview({ ...THREAD, requestId: 1, request: { kind: 'command_execution' } }).resolve('decline');
    const [row] = await pipeline.params();
    expect(row).toMatchObject({ app_server_client: null, runtime: null });
  });
});
