/*
 * OtlpLogRowSink and a resource whose detected attributes are still
 * settling (host.id is read from a file): the records wait for them, as the
 * SDK's batch processors do, instead of going out without them.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, expect, it } from 'vitest';
import { OtlpLogRowSink, type RowExportResult } from '../src/index.js';
import { captureDiag } from './support/diagCapture.js';
import { row } from './rowFixtures.js';

afterEach(() => diag.disable());

it('waits for async resource attributes before building the records', async () => {
  const logger = captureDiag(DiagLogLevel.ERROR);
  const exporter = new InMemoryLogRecordExporter();
  const resource = resourceFromAttributes({
    'host.id': new Promise<string>(resolve => setTimeout(() => resolve('machine-1'), 20)),
  });
  const sink = new OtlpLogRowSink({ exporter, resource });
  const result = await new Promise<RowExportResult>(resolve => sink.export([row('r-1')], resolve));
  expect(result.code).toBe(0);
  expect(exporter.getFinishedLogRecords().map(record => record.resource.attributes['host.id'])).toEqual(['machine-1']);
  expect(logger.errors).toEqual([]);
  await sink.shutdown();
});
