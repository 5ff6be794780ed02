import type { PanelOptionsEditorBuilder, SelectableValue } from '@grafana/data';
import { getDataSourceSrv, getTemplateSrv } from '@grafana/runtime';
import { speaksPromQL } from '../../prometheus/promqlDataSources';
import { specsFromSettings } from '../../settings/appSettings';
import { grafanaServices } from './sloSource';
import { DEFAULT_EVENT_QUERY_OPTIONS, type EventQueryOptions } from './types';

const EVENTS = ['Events'];

/** SLO ids of the app, then the dashboard's variables, for the SLO picker. */
export async function sloIdOptions(): Promise<Array<SelectableValue<string>>> {
  let ids: Array<SelectableValue<string>> = [];
  try {
    const { valid } = specsFromSettings(await grafanaServices.getSettings());
    ids = valid.map((spec) => ({ value: spec.id, label: spec.id, description: spec.name }));
  } catch {
    ids = [];
  }
  let variables: Array<SelectableValue<string>> = [];
  try {
    variables = getTemplateSrv()
      .getVariables()
      .map((variable) => ({
        value: `$${variable.name}`,
        label: `$${variable.name}`,
        description: 'dashboard variable',
      }));
  } catch {
    variables = [];
  }
  return [...variables, ...ids];
}

/**
 * Data sources that speak PromQL (Prometheus, Amazon and Azure managed Prometheus), then the
 * dashboard's data-source variables, for the data source override.
 */
export async function datasourceOptions(): Promise<Array<SelectableValue<string>>> {
  let datasources: Array<SelectableValue<string>> = [];
  try {
    datasources = getDataSourceSrv()
      .getList({ filter: speaksPromQL })
      .map((datasource) => ({ value: datasource.uid, label: datasource.name, description: datasource.type }));
  } catch {
    datasources = [];
  }
  let variables: Array<SelectableValue<string>> = [];
  try {
    variables = getTemplateSrv()
      .getVariables()
      .filter((variable) => variable.type === 'datasource')
      .map((variable) => ({
        value: `$${variable.name}`,
        label: `$${variable.name}`,
        description: 'dashboard variable',
      }));
  } catch {
    variables = [];
  }
  return [...variables, ...datasources];
}

const fromQueries = (options: EventQueryOptions) => options.source !== 'slo';
const fromSlo = (options: EventQueryOptions) => options.source === 'slo';

/** Where the events come from: the panel's queries (and how to read them) or an SLO of the app. */
export function addEventOptions<T extends EventQueryOptions>(
  builder: PanelOptionsEditorBuilder<T>
): PanelOptionsEditorBuilder<T> {
  return builder
    .addRadio({
      path: 'source',
      name: 'Events from',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.source,
      settings: {
        options: [
          { value: 'queries', label: 'Panel queries' },
          { value: 'slo', label: 'SLO of the app' },
        ],
      },
    })
    .addSelect({
      path: 'sloId',
      name: 'SLO',
      description: 'An SLO of the SLO Burn app, or a dashboard variable such as $slo.',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.sloId,
      settings: { allowCustomValue: true, options: [], getOptions: sloIdOptions },
      showIf: fromSlo,
    })
    .addSelect({
      path: 'datasource',
      name: 'Data source',
      description:
        'Overrides the SLO’s own data source: a Prometheus (or Amazon or Azure managed Prometheus) data source, or a variable such as $datasource. Empty: the SLO’s datasourceUid, else the app’s default, as on the app’s pages.',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.datasource,
      settings: { allowCustomValue: true, isClearable: true, options: [], getOptions: datasourceOptions },
      showIf: fromSlo,
    })
    .addTextInput({
      path: 'badQuery',
      name: 'Bad events query',
      description: 'RefId of the query of bad events. Empty: the query named "bad", or series labelled as below.',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.badQuery,
      settings: { placeholder: 'bad' },
      showIf: fromQueries,
    })
    .addTextInput({
      path: 'totalQuery',
      name: 'Total events query',
      description: 'RefId of the query of all events. Empty: the query named "total", or series labelled as below.',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.totalQuery,
      settings: { placeholder: 'total' },
      showIf: fromQueries,
    })
    .addTextInput({
      path: 'seriesLabel',
      name: 'Series label',
      description: 'When one query returns both kinds: the label whose values are "bad" and "total".',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.seriesLabel,
      showIf: fromQueries,
    })
    .addRadio({
      path: 'values',
      name: 'Values are',
      description:
        'Counts per interval, e.g. increase(x[$__interval]); or per-second rates, e.g. rate(x[$__interval]).',
      category: EVENTS,
      defaultValue: DEFAULT_EVENT_QUERY_OPTIONS.values,
      settings: {
        options: [
          { value: 'counts', label: 'Counts per interval' },
          { value: 'rates', label: 'Per-second rates' },
        ],
      },
      showIf: fromQueries,
    });
}
