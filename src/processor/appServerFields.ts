/*
 * The `app_server_client` and `runtime` row fields: from the span, else
 * from the resource (one process, one client), else null when neither
 * carries any of them.
 */
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import {
  ATTR_CLIENT_EXPERIMENTAL_API,
  ATTR_CLIENT_NAME,
  ATTR_CLIENT_RPC_TRANSPORT,
  ATTR_CLIENT_VERSION,
  ATTR_PRODUCT_CLIENT_ID,
  ATTR_RUNTIME_ARCH,
  ATTR_RUNTIME_OS,
  ATTR_RUNTIME_OS_VERSION,
  ATTR_RUNTIME_VERSION,
} from '../semconv/attributes.js';
import type { AppServerClientFields, RuntimeFields } from './rows.js';
import { optionalBoolean, optionalString } from './spanAttributes.js';

export interface AppServerFields {
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
}

const allNull = (fields: Record<string, unknown>) => Object.values(fields).every(v => v === null);

export function readAppServerFields(span: ReadableSpan): AppServerFields {
  const own = span.attributes;
  // Spans mapped outside an SDK pipeline may come without a resource.
  const resource = span.resource?.attributes ?? {};
  const string = (key: string) => optionalString(own, key) ?? optionalString(resource, key);
  const client: AppServerClientFields = {
    product_client_id: string(ATTR_PRODUCT_CLIENT_ID),
    client_name: string(ATTR_CLIENT_NAME),
    client_version: string(ATTR_CLIENT_VERSION),
    rpc_transport: string(ATTR_CLIENT_RPC_TRANSPORT),
    experimental_api_enabled:
      optionalBoolean(own, ATTR_CLIENT_EXPERIMENTAL_API) ??
      optionalBoolean(resource, ATTR_CLIENT_EXPERIMENTAL_API),
  };
  const runtime: RuntimeFields = {
    codex_rs_version: string(ATTR_RUNTIME_VERSION),
    runtime_os: string(ATTR_RUNTIME_OS),
    runtime_os_version: string(ATTR_RUNTIME_OS_VERSION),
    runtime_arch: string(ATTR_RUNTIME_ARCH),
  };
  return {
    app_server_client: allNull(client) ? null : client,
    runtime: allNull(runtime) ? null : runtime,
  };
}
