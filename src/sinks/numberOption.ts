/* Numeric sink options: a bad value falls back to the default with a warning, never a crash or a silent misbehaviour. */
import type { DiagLogger } from '@opentelemetry/api';

export function numberOption(
  logger: DiagLogger,
  name: string,
  value: number | undefined,
  fallback: number,
  min: number,
  max = Number.MAX_SAFE_INTEGER
): number {
  if (value === undefined) return fallback;
  if (typeof value === 'number' && value >= min && value <= max) return value;
  logger.warn(`${name} must be a number from ${min} to ${max}, got ${String(value)}; using ${fallback}`);
  return fallback;
}
