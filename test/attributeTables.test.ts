/*
 * The attribute tables are the one definition the helpers write from and the
 * mappers read through: these tests walk every definition through the real
 * helpers, processor and mappers, so a table entry the code ignores, or code
 * that bypasses the table, fails here.
 */
import { describe, expect, it } from 'vitest';
import type { GuardianReviewedActionInput, ToolItemDetails } from '../src/index.js';
import { GUARDIAN_ACTION_TYPES, TOOL_ITEM_KINDS } from '../src/semconv/index.js';
import { renderSpanModel, SPAN_MODEL_PATH, markedTables } from '../scripts/docs/spanModelTables.js';
import { readFile } from 'node:fs/promises';
import { createPipeline, THREAD } from './pipeline.js';
import {
  type AttributeDefinition,
  GUARDIAN_ACTION_FIELDS,
  isDerivedField,
  SPAN_ATTRIBUTE_TABLES,
  TOOL_ITEM_KIND_FIELDS,
} from './support/internals.js';

/** A valid value of the definition's type, distinct per key, and what the row holds for it. */
function sample(definition: AttributeDefinition): { option: unknown; field: unknown } {
  const text = `v:${definition.key}`;
  switch (definition.type) {
    case 'string':
    case 'id':
      return { option: text, field: text };
    case 'integer':
      return { option: -3, field: -3 };
    case 'count':
    case 'seconds':
      return { option: 7, field: 7 };
    case 'boolean':
    case 'flag':
      return { option: true, field: true };
    case 'string[]':
      return { option: [text, 'b'], field: [text, 'b'] };
    case 'enum': {
      const value = (definition.values as string[]).at(-1);
      return { option: value, field: value };
    }
    case 'json':
      return { option: { network: { enabled: true } }, field: { network: { enabled: true } } };
  }
}

describe('attribute tables', () => {
  it('give every key the same type and content flag wherever it appears', () => {
    const seen = new Map<string, AttributeDefinition>();
    for (const kind of SPAN_ATTRIBUTE_TABLES) {
      for (const table of kind.tables) {
        for (const definition of Object.values(table.definitions)) {
          const first = seen.get(definition.key);
          if (first !== undefined) {
            expect({ key: definition.key, type: definition.type, content: definition.content ?? false }).toEqual({
              key: first.key,
              type: first.type,
              content: first.content ?? false,
            });
          }
          seen.set(definition.key, definition);
        }
      }
    }
    expect(seen.size).toBeGreaterThan(100);
  });

  for (const kind of TOOL_ITEM_KINDS) {
    it(`carry every ${kind} detail from its helper option to its row field`, async () => {
      const pipeline = createPipeline({ recordContent: true });
      const details: Record<string, unknown> = {};
      const expected: Record<string, unknown> = {};
      for (const field of TOOL_ITEM_KIND_FIELDS[kind]) {
        if (isDerivedField(field)) continue;
        const value = sample(field);
        details[field.option as string] = value.option;
        expected[field.field as string] = value.field;
      }
      pipeline.reviews
        .startToolItem({ ...THREAD, itemId: 'item', kind, toolName: 'tool', details: details as ToolItemDetails })
        .finish({ status: 'completed' });
      const [row] = await pipeline.rows();
      expect(row?.event_params).toMatchObject(expected);
      await pipeline.shutdown();
    });
  }

  for (const type of GUARDIAN_ACTION_TYPES) {
    it(`carry every ${type} action field from its helper option to reviewed_action, in the seed's order`, async () => {
      const pipeline = createPipeline({ recordContent: true });
      const action: Record<string, unknown> = { type };
      const expected: Record<string, unknown> = { type };
      for (const definition of GUARDIAN_ACTION_FIELDS[type]) {
        const value = sample(definition);
        action[definition.option as string] = value.option;
        expected[definition.field as string] = value.field;
      }
      if (type === 'request_permissions') action.permissions = { network: { enabled: true } };
      if (type === 'network_access') {
        action.port = 443;
        expected.port = 443;
      }
      pipeline.reviews
        .startGuardianReview({
          ...THREAD,
          reviewId: 'review',
          timeoutMs: 1000,
          action: action as unknown as GuardianReviewedActionInput,
        })
        .approve();
      const [row] = await pipeline.rows();
      const reviewed = (row?.event_params as { reviewed_action: Record<string, unknown> }).reviewed_action;
      expect(reviewed).toEqual(expected);
      expect(Object.keys(reviewed)).toEqual(Object.keys(expected));
      await pipeline.shutdown();
    });
  }

  it('are what docs/span-model.md shows (npm run docs renders them)', async () => {
    const document = await readFile(SPAN_MODEL_PATH, 'utf8');
    expect(markedTables(document)).toEqual(SPAN_ATTRIBUTE_TABLES.map(kind => kind.id));
    expect(renderSpanModel(document)).toBe(document);
  });
});
