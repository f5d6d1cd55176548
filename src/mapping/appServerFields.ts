/*
 * The `app_server_client` and `runtime` row fields: each value from the
 * span, else from the resource (one process, one client); a field is null
 * when neither carries any of its values.
 */
import type { Attributes } from '@opentelemetry/api';
import type { ReadableSpan } from '@opentelemetry/sdk-trace';
import type { AppServerClientFields, RuntimeFields } from '../rows/appServerFields.js';
import type { AttributeDefinition } from '../schema/AttributeDefinition.js';
import { APP_SERVER_CLIENT_ATTRIBUTES, RUNTIME_ATTRIBUTES } from '../schema/appServerAttributes.js';
import { read } from './readAttribute.js';

export interface AppServerFields {
  app_server_client: AppServerClientFields | null;
  runtime: RuntimeFields | null;
}

const CLIENT = Object.values(APP_SERVER_CLIENT_ATTRIBUTES);
const RUNTIME = Object.values(RUNTIME_ATTRIBUTES);
const NO_ATTRIBUTES: Attributes = {};
const NONE: AppServerFields = { app_server_client: null, runtime: null };

/**
 * Each field from `own`, else from `fallback`; null when neither has any.
 * Every row gets its own object: a row mask may change one.
 */
function readFields<T extends object>(
  definitions: readonly AttributeDefinition[],
  own: Attributes,
  fallback: T | null
): T | null {
  let fields = fallback === null ? null : ({ ...fallback } as Record<string, unknown>);
  for (const definition of definitions) {
    const value = read(own, definition);
    if (value === null) continue;
    const set: Record<string, unknown> = fields ?? Object.fromEntries(definitions.map(d => [d.field, null]));
    set[definition.field as string] = value;
    fields = set;
  }
  return fields as T | null;
}

/** A resource's own fields, read once per resource: every span of a process shares it. */
const BY_RESOURCE = new WeakMap<Attributes, AppServerFields>();

function resourceFields(resource: Attributes): AppServerFields {
  let fields = BY_RESOURCE.get(resource);
  if (fields === undefined) {
    fields = {
      app_server_client: readFields<AppServerClientFields>(CLIENT, resource, null),
      runtime: readFields<RuntimeFields>(RUNTIME, resource, null),
    };
    BY_RESOURCE.set(resource, fields);
  }
  return fields;
}

/** The fields are copied into rows: when both are null, no object is made per span. */
export function readAppServerFields(span: ReadableSpan): AppServerFields {
  // Spans mapped outside an SDK pipeline may come without a resource.
  const fromResource = span.resource?.attributes ? resourceFields(span.resource.attributes) : NONE;
  const own = span.attributes ?? NO_ATTRIBUTES;
  const client = readFields<AppServerClientFields>(CLIENT, own, fromResource.app_server_client);
  const runtime = readFields<RuntimeFields>(RUNTIME, own, fromResource.runtime);
  return client === null && runtime === null ? NONE : { app_server_client: client, runtime };
}
