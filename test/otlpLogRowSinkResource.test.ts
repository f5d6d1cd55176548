/*
 * OtlpLogRowSink and a resource whose detected attributes are still
 * settling (host.id is read from a file): the records wait for them, as the
 * SDK's batch processors do, instead of going out without them. A resource
 * that cannot say when they are settled is not waited for; one whose wait
 * fails costs the rows waiting (counted), never the sender.
 */
import { diag, DiagLogLevel } from '@opentelemetry/api';
import { ExportResultCode } from '@opentelemetry/core';
import { type Resource, resourceFromAttributes } from '@opentelemetry/resources';
import { InMemoryLogRecordExporter } from '@opentelemetry/sdk-logs';
import { afterEach, expect, it } from 'vitest';
import { OtlpLogRowSink, type RowExportResult } from '../src/index.js';
import { captureDiag } from './support/diagCapture.js';
import { exportRows, row } from './rowFixtures.js';

afterEach(() => diag.disable());

/** A resource of another make (the interface only): attributes pending, and `wait` or no way to wait for them. */
function pendingResource(wait?: () => Promise<void>): Resource {
  const base = resourceFromAttributes({ 'service.name': 'agent' });
  return {
    asyncAttributesPending: true,
    attributes: base.attributes,
    merge: other => base.merge(other),
    getRawAttributes: () => base.getRawAttributes(),
    ...(wait === undefined ? {} : { waitForAsyncAttributes: wait }),
  };
}

const DETECTOR_FAILED = new Error('host.id detector failed');

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

it('sends the rows at once when the resource says attributes are pending but has no way to wait for them', async () => {
  const exporter = new InMemoryLogRecordExporter();
  const sink = new OtlpLogRowSink({ exporter, resource: pendingResource() });
  expect(await exportRows(sink, [row('a')])).toEqual({ code: ExportResultCode.SUCCESS });
  expect(exporter.getFinishedLogRecords()).toHaveLength(1);
  await sink.shutdown();
});

it('drops the rows as sink_failure, logging why, when waiting for the resource attributes fails', async () => {
  const logger = captureDiag(DiagLogLevel.ERROR);
  const exporter = new InMemoryLogRecordExporter();
  const sink = new OtlpLogRowSink({ exporter, resource: pendingResource(() => Promise.reject(DETECTOR_FAILED)) });
  expect(await exportRows(sink, [row('a'), row('b')])).toEqual({
    code: ExportResultCode.FAILED,
    droppedRows: { sink_failure: 2 },
    error: DETECTOR_FAILED,
  });
  expect(logger.errors).toEqual([`OtlpLogRowSink row sender failed ${DETECTOR_FAILED}`]);
  expect(exporter.getFinishedLogRecords()).toEqual([]);
  await sink.shutdown();
});

it('reports the rows of a later export too after the sender failed', async () => {
  const sink = new OtlpLogRowSink({
    exporter: new InMemoryLogRecordExporter(),
    resource: pendingResource(() => Promise.reject(DETECTOR_FAILED)),
  });
  await exportRows(sink, [row('a')]);
  expect(await exportRows(sink, [row('b')])).toEqual({
    code: ExportResultCode.FAILED,
    droppedRows: { sink_failure: 1 },
    error: DETECTOR_FAILED,
  });
  await sink.shutdown();
});
