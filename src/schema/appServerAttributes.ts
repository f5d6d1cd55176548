/*
 * The app-server client and the agent's runtime, on every span of ours that
 * has them (helper options `ThreadContext.appServerClient` and `.runtime`),
 * else on the resource: one process usually serves one client.
 */
import * as A from '../semconv/attributes.js';
import { attributeTable, booleanAttribute, stringAttribute } from './AttributeDefinition.js';

const client = { when: 'start' } as const;

export const APP_SERVER_CLIENT_ATTRIBUTES = attributeTable({
  productClientId: stringAttribute(A.ATTR_PRODUCT_CLIENT_ID, {
    ...client,
    field: 'product_client_id',
    meaning: 'the client product; also read from the resource',
  }),
  clientName: stringAttribute(A.ATTR_CLIENT_NAME, {
    ...client,
    field: 'client_name',
    meaning: "the client's name, from its `initialize`; also read from the resource",
  }),
  clientVersion: stringAttribute(A.ATTR_CLIENT_VERSION, {
    ...client,
    field: 'client_version',
    meaning: "the client's version; also read from the resource",
  }),
  rpcTransport: stringAttribute(A.ATTR_CLIENT_RPC_TRANSPORT, {
    ...client,
    field: 'rpc_transport',
    meaning: '`stdio`, `websocket` or `in_process`; also read from the resource',
  }),
  experimentalApiEnabled: booleanAttribute(A.ATTR_CLIENT_EXPERIMENTAL_API, {
    ...client,
    field: 'experimental_api_enabled',
    meaning: 'the client asked for the experimental API; also read from the resource',
  }),
});

export const RUNTIME_ATTRIBUTES = attributeTable({
  version: stringAttribute(A.ATTR_RUNTIME_VERSION, {
    ...client,
    field: 'codex_rs_version',
    meaning: "the agent's version, e.g. Codex's `0.169.0`; also read from the resource",
  }),
  os: stringAttribute(A.ATTR_RUNTIME_OS, {
    ...client,
    field: 'runtime_os',
    meaning: 'the operating system; also read from the resource',
  }),
  osVersion: stringAttribute(A.ATTR_RUNTIME_OS_VERSION, {
    ...client,
    field: 'runtime_os_version',
    meaning: "the operating system's version; also read from the resource",
  }),
  arch: stringAttribute(A.ATTR_RUNTIME_ARCH, {
    ...client,
    field: 'runtime_arch',
    meaning: 'the CPU architecture; also read from the resource',
  }),
});
