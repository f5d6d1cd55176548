/*
 * A row as an OpenTelemetry log record: event name = `event_type`, body =
 * `event_params` as a structured map, timestamp = the review or item's
 * completion time (the time seen, for a row no kind makes).
 */
import type { HrTime } from '@opentelemetry/api';
import { millisToHrTime } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableLogRecord } from '@opentelemetry/sdk-logs';
import { rowCompletedAtMillis } from '../kinds/rowKinds.js';
import type { ReviewRow } from '../rows/ReviewRow.js';
import { SCOPE_NAME, VERSION } from '../semconv/version.js';

const SCOPE = { name: SCOPE_NAME, version: VERSION };
// SeverityNumber.INFO of the logs data model. A number, not the enum: the enum
// is @opentelemetry/api-logs' on the 2.x SDK line and @opentelemetry/api's on
// 3.x, and the record must fit the exporter of either line.
const SEVERITY_INFO = 9;

/** The record for a row, built from its JSON so the body is plain data whatever the row held. */
export function rowLogRecord(json: string, observed: HrTime, resource: Resource): ReadableLogRecord {
  const row = JSON.parse(json) as ReviewRow;
  const completed = rowCompletedAtMillis(row);
  return {
    hrTime: completed === undefined ? observed : millisToHrTime(completed),
    hrTimeObserved: observed,
    eventName: row.event_type,
    severityNumber: SEVERITY_INFO,
    severityText: 'INFO',
    body: row.event_params as unknown as ReadableLogRecord['body'],
    resource,
    instrumentationScope: SCOPE,
    attributes: {},
    droppedAttributesCount: 0,
  };
}
