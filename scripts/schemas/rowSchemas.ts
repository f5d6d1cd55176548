/*
 * JSON Schemas of the rows, generated from the row types in src/rows (the
 * types the code itself builds rows as), one file per event type plus one
 * for any row. `npm run schemas` writes them to schemas/; the unit suite
 * fails when the shipped files and the types differ, and validates every row
 * it makes against them.
 */
import { createGenerator } from 'ts-json-schema-generator';

export const SCHEMAS_DIR = new URL('../../schemas/', import.meta.url);

/** Event type → the row type that defines it. */
export const ROW_TYPES = {
  codex_guardian_review: 'GuardianReviewRow',
  codex_review_event: 'ReviewEventRow',
  codex_command_execution_event: 'CommandExecutionEventRow',
  codex_file_change_event: 'FileChangeEventRow',
  codex_mcp_tool_call_event: 'McpToolCallEventRow',
  codex_dynamic_tool_call_event: 'DynamicToolCallEventRow',
  codex_control_tool_call_event: 'ControlToolCallEventRow',
  codex_collab_agent_tool_call_event: 'CollabAgentToolCallEventRow',
  codex_web_search_event: 'WebSearchEventRow',
  codex_image_generation_event: 'ImageGenerationEventRow',
} as const;

const SCHEMA_DRAFT = 'http://json-schema.org/draft-07/schema#';

/** File name → schema text. */
export function renderRowSchemas(): Map<string, string> {
  const generator = createGenerator({
    path: new URL('../../src/rows/ReviewRow.ts', import.meta.url).pathname,
    tsconfig: new URL('../../tsconfig.build.json', import.meta.url).pathname,
    type: 'ReviewRow',
    expose: 'export',
    topRef: true,
    additionalProperties: false,
    skipTypeCheck: true,
  });
  const { definitions } = generator.createSchema('ReviewRow');
  const files = new Map<string, string>();
  const write = (name: string, title: string, ref: string) =>
    files.set(
      name,
      `${JSON.stringify({ $schema: SCHEMA_DRAFT, title, $ref: ref, definitions }, null, 2)}\n`
    );
  write('review-row.schema.json', 'Any analytics row of agent-review-telemetry', '#/definitions/ReviewRow');
  for (const [eventType, type] of Object.entries(ROW_TYPES)) {
    write(`${eventType}.schema.json`, `${eventType} row`, `#/definitions/${type}`);
  }
  return files;
}
