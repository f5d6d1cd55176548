/*
 * Just enough of the protobuf wire format to read OTLP export requests:
 * the resource attributes and the span, metric or log event names, found by
 * field number (the export requests of opentelemetry-proto).
 */

type Field = { number: number; bytes?: Buffer; varint?: bigint };

function readVarint(buffer: Buffer, offset: number): [bigint, number] {
  let value = 0n;
  let shift = 0n;
  for (;;) {
    const byte = buffer[offset++]!;
    value |= BigInt(byte & 0x7f) << shift;
    if ((byte & 0x80) === 0) return [value, offset];
    shift += 7n;
  }
}

/** The fields of one message, in order. */
export function fields(buffer: Buffer): Field[] {
  const result: Field[] = [];
  let offset = 0;
  while (offset < buffer.length) {
    const [key, afterKey] = readVarint(buffer, offset);
    const number = Number(key >> 3n);
    const wireType = Number(key & 7n);
    if (wireType === 0) {
      const [varint, next] = readVarint(buffer, afterKey);
      result.push({ number, varint });
      offset = next;
    } else if (wireType === 2) {
      const [length, start] = readVarint(buffer, afterKey);
      const end = start + Number(length);
      result.push({ number, bytes: buffer.subarray(start, end) });
      offset = end;
    } else if (wireType === 1 || wireType === 5) {
      offset = afterKey + (wireType === 1 ? 8 : 4);
      result.push({ number });
    } else {
      throw new Error(`unexpected protobuf wire type ${wireType}`);
    }
  }
  return result;
}

/** The embedded messages at a path of field numbers. */
export function messagesAt(buffer: Buffer, path: number[]): Buffer[] {
  let level = [buffer];
  for (const number of path) {
    level = level.flatMap(message => fields(message).filter(f => f.number === number && f.bytes).map(f => f.bytes!));
  }
  return level;
}

/** A Resource's string attributes (KeyValue 1 = key, 2 = AnyValue, whose 1 = string_value). */
export function resourceAttributes(resource: Buffer): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const keyValue of messagesAt(resource, [1])) {
    const name = fields(keyValue).find(f => f.number === 1)?.bytes?.toString('utf8');
    const value = messagesAt(keyValue, [2, 1])[0]?.toString('utf8');
    if (name !== undefined && value !== undefined) attributes[name] = value;
  }
  return attributes;
}
