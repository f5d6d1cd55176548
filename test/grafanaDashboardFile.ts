/*
 * The shape of deploy/grafana/dashboards/agent-review.json, built from the
 * types Grafana publishes in @grafana/schema (the dashboard, panel, variable
 * and field config, and each panel plugin's options), made stricter where the
 * published types are open (`options`, `targets`, `fieldConfig.defaults.custom`)
 * so a misspelt or misplaced field is a type error.
 */
import type { Dashboard, DataQuery, DataSourceRef, FieldConfig, FieldConfigSource, Panel, VariableModel } from '@grafana/schema';
import type {
  Options as StatOptions,
} from '@grafana/schema/dist/esm/raw/composable/stat/panelcfg/x/StatPanelCfg_types.gen';
import type {
  FieldConfig as TimeSeriesFieldConfig,
  Options as TimeSeriesOptions,
} from '@grafana/schema/dist/esm/raw/composable/timeseries/panelcfg/x/TimeSeriesPanelCfg_types.gen';

/**
 * A type as it appears in JSON: the schema's TypeScript enums become the
 * string or number literals they stand for (JSON holds "multi", not
 * TooltipDisplayMode.Multi).
 */
export type AsJson<T> = T extends string
  ? `${T}`
  : T extends number
    ? `${T}` extends `${infer N extends number}`
      ? N
      : never
    : T extends boolean
      ? T
      : T extends readonly (infer U)[]
        ? AsJson<U>[]
        : T extends object
          ? { [K in keyof T]: AsJson<T[K]> }
          : T;

/**
 * A Prometheus query. @grafana/schema publishes the common DataQuery but not
 * the Prometheus plugin's own fields, so those few are listed here.
 */
interface PrometheusQuery extends Omit<DataQuery, 'datasource'> {
  datasource: DataSourceRef;
  expr: string;
  legendFormat?: string;
  range?: boolean;
  instant?: boolean;
}

type PluginPanel<Type extends string, Options, Custom> = Omit<Panel, 'type' | 'options' | 'fieldConfig' | 'targets' | 'datasource'> & {
  type: Type;
  datasource: DataSourceRef;
  options: Options;
  fieldConfig: Omit<FieldConfigSource, 'defaults'> & { defaults: Omit<FieldConfig, 'custom'> & { custom?: Custom } };
  targets: PrometheusQuery[];
};

export type TimeSeriesPanel = PluginPanel<'timeseries', TimeSeriesOptions, TimeSeriesFieldConfig>;
export type StatPanel = PluginPanel<'stat', StatOptions, never>;

/** A datasource the importer picks; "${NAME}" in the dashboard becomes its uid. */
export interface DashboardInput {
  name: string;
  label: string;
  description: string;
  type: 'datasource';
  pluginId: string;
  pluginName: string;
}

/** A plugin or Grafana version the dashboard was made for (shown on import). */
export interface DashboardRequire {
  type: 'grafana' | 'datasource' | 'panel';
  id: string;
  name: string;
  version: string;
}

/** The dashboard in Grafana's export format for sharing ("__inputs", "__requires"). */
export type DashboardFile = AsJson<
  Omit<Dashboard, 'panels' | 'templating'> & {
    __inputs: DashboardInput[];
    __requires: DashboardRequire[];
    title: string;
    uid: string;
    panels: (TimeSeriesPanel | StatPanel)[];
    templating: { list: VariableModel[] };
  }
>;
