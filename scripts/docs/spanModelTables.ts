/*
 * The attribute tables of docs/span-model.md, rendered from the definitions
 * in src/schema. `npm run docs` writes them between their markers; the unit
 * suite fails when the document and the definitions differ.
 */
import type { AttributeDefinition } from '../../src/schema/AttributeDefinition.js';
import { SPAN_ATTRIBUTE_TABLES } from '../../src/schema/spanAttributeTables.js';

export const SPAN_MODEL_PATH = new URL('../../docs/span-model.md', import.meta.url);

const TYPE_NAMES: Record<AttributeDefinition['type'], string> = {
  string: 'string',
  id: 'string or int',
  integer: 'int',
  count: 'int ≥ 0',
  seconds: 'double (s)',
  boolean: 'boolean',
  flag: 'boolean (false if absent)',
  'string[]': 'string[]',
  enum: 'string',
  json: 'string (JSON)',
};

function cell(text: string): string {
  return text.replace(/\|/g, '\\|');
}

function typeOf(definition: AttributeDefinition): string {
  let type = TYPE_NAMES[definition.type];
  if (definition.max !== undefined) type += ` ≤ ${definition.max}`;
  if (definition.maxLength !== undefined) type += `, ≤ ${definition.maxLength} chars`;
  if (definition.values) type += `: ${definition.values.map(value => `\`${value}\``).join(' ')}`;
  return type;
}

function renderTable(id: string): string {
  const kind = SPAN_ATTRIBUTE_TABLES.find(tables => tables.id === id);
  if (kind === undefined) throw new Error(`no attribute tables with id ${id}`);
  const lines = [
    '| attribute | type | when | req | C | helper option | row field | meaning |',
    '|---|---|---|---|---|---|---|---|',
  ];
  for (const { options, definitions } of kind.tables) {
    for (const definition of Object.values(definitions)) {
      lines.push(
        `| \`${definition.key}\` | ${cell(typeOf(definition))} | ${definition.when} | ${
          definition.required ? 'yes' : ''
        } | ${definition.content ? 'C' : ''} | ${
          typeof definition.option !== 'string' ? '' : `${options}: \`${definition.option}\``
        } | ${definition.field === undefined ? '' : `\`${definition.field}\``} | ${cell(definition.meaning)} |`
      );
    }
  }
  return lines.join('\n');
}

const MARKER = /(<!-- attributes:(\w+) -->)[\s\S]*?(<!-- \/attributes:\2 -->)/g;

/** The document with every marked table rendered afresh. */
export function renderSpanModel(document: string): string {
  return document.replace(MARKER, (_match, open: string, id: string, close: string) => `${open}\n${renderTable(id)}\n${close}`);
}

/** The ids of the tables the document marks. */
export function markedTables(document: string): string[] {
  return [...document.matchAll(MARKER)].map(match => match[2] as string);
}

