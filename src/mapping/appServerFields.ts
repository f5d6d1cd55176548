/*
 * The `app_server_client` and `runtime` row fields: each value from the
 * span, else from the resource (one process, one client); a field is null
 * when neither carries any of its values.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace-base';
import type { AppServerClientFields, RuntimeFields } from '../rows/appServerFields.js';
import type { AttributeTable } from '../schema/AttributeDefinition.js';
import { APP_SERVER_CLIENT_ATTRIBUTES, RUNTIME_ATTRIBUTES } from '../schema/appServerAttributes.js';
import { read } from './readAttribute.js';

export interface AppServerFields {
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
}

function readFields<T>(table: AttributeTable, own: Attributes, resource: Attributes): T | null {
  const fields: Record<string, unknown> = {};
  let any = false;
  for (const definition of Object.values(table)) {
    const value = read(own, definition) ?? read(resource, definition);
    if (value !== null) any = true;
    fields[definition.field as string] = value;
  }
  return any ? (fields as T) : null;
}

export function readAppServerFields(span: ReadableSpan): AppServerFields {
  // Spans mapped outside an SDK pipeline may come without a resource.
  const resource = span.resource?.attributes ?? {};
  return {
    app_server_client: readFields<AppServerClientFields>(APP_SERVER_CLIENT_ATTRIBUTES, span.attributes, resource),
    runtime: readFields<RuntimeFields>(RUNTIME_ATTRIBUTES, span.attributes, resource),
  };
}
