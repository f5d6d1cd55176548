/*
 * The sampler of setup's tracer provider. Whatever decides sampling (the
 * `sampler` option, else OTEL_TRACES_SAMPLER), every span is recorded, so
 * the ReviewEventProcessor sees every review and rows and metrics stay
 * complete; the sampled flag still decides export, since the batch and
 * simple span processors skip spans without it.
 */
import { diag } from '@opentelemetry/api';
import { getNumberFromEnv, getStringFromEnv } from '@opentelemetry/core';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  createAlwaysRecordSampler,
  ParentBasedSampler,
  type Sampler,
  TraceIdRatioBasedSampler,
} from '@opentelemetry/sdk-trace';

/** OTEL_TRACES_SAMPLER_ARG as sdk-node reads it: a ratio in [0, 1], else 1. */
function ratioFromEnv(): number {
  const ratio = getNumberFromEnv('OTEL_TRACES_SAMPLER_ARG');
  if (ratio === undefined || ratio < 0 || ratio > 1) {
    diag.error(`agent-review-telemetry: OTEL_TRACES_SAMPLER_ARG is ${ratio ?? 'blank'}, not a ratio in [0, 1]; using 1`);
    return 1;
  }
  return ratio;
}

/** The sampler OTEL_TRACES_SAMPLER names, as sdk-node's buildSamplerFromEnv picks it; undefined when unknown. */
function samplerNamed(name: string): Sampler | undefined {
  switch (name) {
    case 'always_on':
      return new AlwaysOnSampler();
    case 'always_off':
      return new AlwaysOffSampler();
    case 'traceidratio':
      return new TraceIdRatioBasedSampler(ratioFromEnv());
    case 'parentbased_always_on':
      return new ParentBasedSampler({ root: new AlwaysOnSampler() });
    case 'parentbased_always_off':
      return new ParentBasedSampler({ root: new AlwaysOffSampler() });
    case 'parentbased_traceidratio':
      return new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(ratioFromEnv()) });
    default:
      return undefined;
  }
}

/** OTEL_TRACES_SAMPLER (and _ARG); undefined when unset or unknown (with an error), so the default applies. */
export function samplerFromEnv(): Sampler | undefined {
  const name = getStringFromEnv('OTEL_TRACES_SAMPLER')?.trim();
  if (name === undefined) return undefined;
  const sampler = samplerNamed(name);
  if (sampler === undefined) diag.error(`agent-review-telemetry: unknown OTEL_TRACES_SAMPLER "${name}"; using parentbased_always_on`);
  return sampler;
}

/** `sampler`, else the environment's, else parent-based always-on; recording every span it drops. */
export function recordingSampler(sampler: Sampler | undefined): Sampler {
  return createAlwaysRecordSampler(
    sampler ?? samplerFromEnv() ?? new ParentBasedSampler({ root: new AlwaysOnSampler() })
  );
}
