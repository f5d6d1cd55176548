/* `npm run schemas`: writes the rows' JSON Schemas to schemas/. */
import { mkdir, writeFile } from 'node:fs/promises';
import { renderRowSchemas, SCHEMAS_DIR } from './rowSchemas.js';

await mkdir(SCHEMAS_DIR, { recursive: true });
for (const [name, text] of renderRowSchemas()) await writeFile(new URL(name, SCHEMAS_DIR), text);
