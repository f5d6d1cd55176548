/*
 * The Grafana dashboard imports into any Grafana: it type-checks against
 * Grafana's published schema (@grafana/schema, the version of the Grafana
 * image in docker-compose.yaml), takes its datasource from a template variable
 * that "__inputs" fills on import, and shows each metric in its documented unit.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { defaultDashboard } from '@grafana/schema';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { parse as parseYaml } from 'yaml';
import type { DashboardFile } from './grafanaDashboardFile.js';

const DASHBOARD_PATH = fileURLToPath(new URL('../deploy/grafana/dashboards/agent-review.json', import.meta.url));
const dashboardText = readFileSync(DASHBOARD_PATH, 'utf8');
const dashboard = JSON.parse(dashboardText) as DashboardFile;
const DATASOURCE_VARIABLE = '${datasource}';

/** Type errors of `const dashboard: DashboardFile = <json>`, as "line: message". */
function typeErrors(json: string): string[] {
  const checkFile = fileURLToPath(new URL('./grafanaDashboard.check.ts', import.meta.url));
  const source = `import type { DashboardFile } from './grafanaDashboardFile.js';\nexport const dashboard: DashboardFile = ${json};\n`;
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    noEmit: true,
    skipLibCheck: true,
    types: [],
  };
  const host = ts.createCompilerHost(options);
  const { getSourceFile, fileExists, readFile } = host;
  host.fileExists = name => name === checkFile || fileExists.call(host, name);
  host.readFile = name => (name === checkFile ? source : readFile.call(host, name));
  host.getSourceFile = (name, language, ...rest) =>
    name === checkFile ? ts.createSourceFile(name, source, language) : getSourceFile.call(host, name, language, ...rest);
  const program = ts.createProgram([checkFile], options, host);
  return ts.getPreEmitDiagnostics(program).map(d => {
    const line = d.file && d.start !== undefined ? d.file.getLineAndCharacterOfPosition(d.start).line : -1;
    return `${d.file?.fileName === checkFile ? `dashboard line ${line}` : (d.file?.fileName ?? 'options')}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
  });
}

/** The dashboard with one panel's JSON changed. */
function withFirstPanel(change: (panel: Record<string, unknown>) => void): string {
  const copy = JSON.parse(dashboardText) as { panels: Record<string, unknown>[] };
  change(copy.panels[0] as Record<string, unknown>);
  return JSON.stringify(copy, null, 2);
}

/** Every { type, uid } datasource reference in the dashboard, with where it is. */
function datasourceRefs(): { where: string; uid: string | undefined }[] {
  return [
    ...dashboard.templating.list.flatMap(v => (v.datasource ? [{ where: `variable ${v.name}`, uid: v.datasource.uid }] : [])),
    ...dashboard.panels.flatMap(p => [
      { where: `panel ${p.title}`, uid: p.datasource.uid },
      ...p.targets.map(t => ({ where: `panel ${p.title} query ${t.refId}`, uid: t.datasource.uid })),
    ]),
  ];
}

describe('the Grafana dashboard against @grafana/schema', () => {
  it('type-checks', () => {
    expect(typeErrors(dashboardText)).toEqual([]);
  }, 30_000);

  it('fails the type check when a field is misspelt', () => {
    const json = withFirstPanel(panel => {
      (panel.fieldConfig as { defaults: Record<string, unknown> }).defaults.units = 's';
    });
    expect(typeErrors(json).join('\n')).toMatch(/'"units"' does not exist/);
  }, 30_000);

  it('fails the type check when an option has a value the panel does not know', () => {
    const json = withFirstPanel(panel => {
      (panel.options as { tooltip: { mode: string } }).tooltip.mode = 'everything';
    });
    expect(typeErrors(json).join('\n')).toMatch(/"everything"/);
  }, 30_000);

  it('is at the schema version of that Grafana', () => {
    expect(dashboard.schemaVersion).toBe(defaultDashboard.schemaVersion);
  });
});

describe('the Grafana dashboard in another Grafana', () => {
  it('takes every panel and query datasource from the datasource variable', () => {
    for (const ref of datasourceRefs()) expect(ref.uid, ref.where).toBe(DATASOURCE_VARIABLE);
  });

  it('has a datasource variable of Prometheus datasources that defaults to the one picked on import', () => {
    const variable = dashboard.templating.list.find(v => `\${${v.name}}` === DATASOURCE_VARIABLE);
    const input = dashboard.__inputs.find(i => i.pluginId === 'prometheus');
    expect(variable?.type).toBe('datasource');
    expect(variable?.query).toBe('prometheus');
    expect(input?.type).toBe('datasource');
    expect(variable?.current?.value).toBe(`\${${input?.name}}`);
  });

  it('lists the datasource plugin and every panel plugin it uses in __requires', () => {
    const required = dashboard.__requires.map(r => `${r.type}:${r.id}`).sort();
    const used = [
      'grafana:grafana',
      ...new Set(dashboard.__inputs.map(i => `datasource:${i.pluginId}`)),
      ...new Set(dashboard.panels.map(p => `panel:${p.type}`)),
    ].sort();
    expect(required).toEqual(used);
  });

  it('names the Grafana version of docker-compose.yaml and of the schema it is checked against', () => {
    const schemaVersion = (createRequire(import.meta.url)('@grafana/schema/package.json') as { version: string }).version;
    const compose = parseYaml(readFileSync(new URL('../docker-compose.yaml', import.meta.url), 'utf8')) as {
      services: Record<string, { image: string }>;
    };
    expect(compose.services.grafana?.image).toBe(`grafana/grafana:${schemaVersion}`);
    expect(dashboard.__requires.find(r => r.type === 'grafana')?.version).toBe(schemaVersion);
  });
});

/** Instrument units from the tables in docs/metrics.md, by the name Prometheus serves. */
function documentedUnits(): Map<string, string> {
  const units = new Map<string, string>();
  const doc = readFileSync(new URL('../docs/metrics.md', import.meta.url), 'utf8');
  for (const [, name, kind, unit] of doc.matchAll(/^\| `([a-z_.]+)` \| (counter|histogram) \| `([^`]+)` \|/gm)) {
    const base = name!.replaceAll('.', '_') + (unit === 's' ? '_seconds' : '');
    units.set(kind === 'counter' ? `${base}_total` : base, unit!);
  }
  return units;
}

/** How Grafana shows a per-second rate of a counted unit (a custom count unit: "1.2K reviews/s"). */
const PER_SECOND: Record<string, string> = {
  '{review}': 'count:reviews/s',
  '{token}': 'count:tokens/s',
  '{call}': 'count:calls/s',
  '{item}': 'count:items/s',
  '{row}': 'count:rows/s',
};

/** The Grafana unit a query's result has, from the documented unit of its metric and what the query does with it. */
function expectedUnit(expr: string, units: Map<string, string>): string {
  const series = [...expr.matchAll(/([a-zA-Z_:][a-zA-Z0-9_:]*)\{/g)].map(m => m[1]!.replace(/_(bucket|sum|count)$/, ''));
  const metricUnits = [...new Set(series.map(s => units.get(s) ?? `undocumented metric ${s}`))];
  if (metricUnits.length !== 1) return `one metric unit expected, got ${metricUnits.join(', ')}`;
  const unit = metricUnits[0]!;
  if (expr.startsWith('histogram_quantile(')) return unit === 's' ? 's' : `quantile of ${unit}`;
  if (/\)\) \/ sum/.test(expr) && new Set(series).size === 1) return 'percentunit';
  return PER_SECOND[unit] ?? `rate of ${unit}`;
}

describe('the Grafana dashboard units', () => {
  const units = documentedUnits();

  it('reads the documented units', () => {
    expect(units.get('agent_review_reviews_total')).toBe('{review}');
    expect(units.get('agent_review_review_duration_seconds')).toBe('s');
  });

  it.each(dashboard.panels.map(p => [p.title, p] as const))('panel "%s" shows its metric in the documented unit', (_title, panel) => {
    for (const target of panel.targets) expect(panel.fieldConfig.defaults.unit, target.expr).toBe(expectedUnit(target.expr, units));
  });
});
