/* `npm run docs`: renders the generated parts of the documentation. */
import { readFile, writeFile } from 'node:fs/promises';
import { renderSpanModel, SPAN_MODEL_PATH } from './spanModelTables.js';

const document = await readFile(SPAN_MODEL_PATH, 'utf8');
await writeFile(SPAN_MODEL_PATH, renderSpanModel(document));
