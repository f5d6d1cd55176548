/*
 * The resource every signal of setup carries, made as sdk-node makes it:
 * the SDK's default resource (service.name `unknown_service:<process>`),
 * merged with what the detectors OTEL_NODE_RESOURCE_DETECTORS names find
 * (by default env, process and host; the env detector reads
 * OTEL_RESOURCE_ATTRIBUTES and OTEL_SERVICE_NAME), then with the caller's
 * attributes and service name, which win.
 */
import { type Attributes, diag } from '@opentelemetry/api';
import { getStringListFromEnv } from '@opentelemetry/core';
import {
  defaultResource,
  detectResources,
  envDetector,
  hostDetector,
  osDetector,
  processDetector,
  type Resource,
  type ResourceDetector,
  resourceFromAttributes,
  serviceInstanceIdDetector,
} from '@opentelemetry/resources';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';

export interface ResourceOptions {
  /** `service.name`, over OTEL_SERVICE_NAME and OTEL_RESOURCE_ATTRIBUTES. */
  serviceName?: string;
  /** Attributes over those of OTEL_RESOURCE_ATTRIBUTES and the detectors. */
  resourceAttributes?: Attributes;
}

/** The detector OTEL_NODE_RESOURCE_DETECTORS names, as sdk-node names them; undefined when unknown. */
function detectorNamed(name: string): ResourceDetector | undefined {
  switch (name) {
    case 'env':
      return envDetector;
    case 'host':
      return hostDetector;
    case 'os':
      return osDetector;
    case 'process':
      return processDetector;
    case 'serviceinstance':
      return serviceInstanceIdDetector;
    default:
      return undefined;
  }
}

function detectorsFromEnv(): ResourceDetector[] {
  const names = getStringListFromEnv('OTEL_NODE_RESOURCE_DETECTORS');
  if (names === undefined) return [envDetector, processDetector, hostDetector];
  if (names.includes('all')) return [envDetector, hostDetector, osDetector, processDetector, serviceInstanceIdDetector];
  if (names.includes('none')) return [];
  return names.flatMap(name => {
    const detector = detectorNamed(name);
    if (detector === undefined) diag.warn(`agent-review-telemetry: unknown resource detector "${name}" in OTEL_NODE_RESOURCE_DETECTORS`);
    return detector ?? [];
  });
}

export function telemetryResource(options: ResourceOptions): Resource {
  const explicit: Attributes = { ...options.resourceAttributes };
  if (options.serviceName !== undefined) explicit[ATTR_SERVICE_NAME] = options.serviceName;
  const resource = defaultResource()
    .merge(detectResources({ detectors: detectorsFromEnv() }))
    .merge(resourceFromAttributes(explicit));
  // Settle the detectors' async attributes (host.id) now: the processor reads
  // span resources synchronously, and reading them unsettled is a diag error.
  resource.waitForAsyncAttributes?.().catch(error => diag.debug(`agent-review-telemetry: resource detection failed: ${String(error)}`));
  return resource;
}
