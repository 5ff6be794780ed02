import { getBackendSrv } from '@grafana/runtime';
import { type SloSpec, formatProblem, periodBounds } from '../../domain';
import { type QueryPlan, planQueries } from '../../prometheus/plan';
import { readSlo } from '../../prometheus/readSlo';
import { runPlanWithDataSource } from '../../prometheus/runWithDataSource';
import type { QueryResult } from '../../prometheus/series';
import { type AppJsonData, PLUGIN_ID, specsFromSettings } from '../../settings/appSettings';
import { type PanelReading, notice, partialMessage } from './panelSlo';

export interface SloSourceRequest {
  sloId: string;
  /** Name or uid that overrides the SLO's data source; empty for the SLO's own, then the app's default. */
  datasource: string;
  /** Unix seconds: the SLO is evaluated as of `to`. */
  from: number;
  to: number;
  /**
   * Look-back for a backtest of the buckets the evaluated reading carries (`PlanOptions.historySeconds`),
   * or `period` for the SLO's last period.
   */
  historySeconds?: number | 'period';
}

export interface SloSourceServices {
  /** The app's `jsonData`. */
  getSettings: () => Promise<AppJsonData | undefined>;
  /**
   * Runs a plan's queries through the data source; `signal` fires when the panel no longer wants the
   * answer (a new time range, the panel gone), and the request is then dropped from the queue or cancelled.
   */
  runPlan: (plan: QueryPlan, datasource: string, signal?: AbortSignal) => Promise<QueryResult[]>;
}

const SETTINGS_TTL_MS = 15_000;
let cachedSettings: { at: number; promise: Promise<AppJsonData | undefined> } | null = null;

/** The app's settings, shared by every panel of a dashboard for a few seconds. */
function fetchAppSettings(): Promise<AppJsonData | undefined> {
  const now = Date.now();
  if (!cachedSettings || now - cachedSettings.at > SETTINGS_TTL_MS) {
    const promise = getBackendSrv()
      .get<{ jsonData?: AppJsonData }>(`/api/plugins/${PLUGIN_ID}/settings`, undefined, undefined, {
        showErrorAlert: false,
      })
      .then((settings) => settings?.jsonData);
    promise.catch(() => {
      cachedSettings = null;
    });
    cachedSettings = { at: now, promise };
  }
  return cachedSettings.promise;
}

export const grafanaServices: SloSourceServices = {
  getSettings: fetchAppSettings,
  // Through the data source's scheduler, shared with every SLO Burn panel and page of the browser tab.
  runPlan: (plan, datasource, signal) => runPlanWithDataSource(plan, { datasource, signal }),
};

/** Test support: forget the cached app settings. */
export function resetSloSourceCache(): void {
  cachedSettings = null;
}

/**
 * An SLO of the app, evaluated the way the app does: its spec from the app's settings (validated),
 * its plan (`coarsen`, one time range), the plan run through the data source, then `readSlo`.
 */
export async function loadSloReading(
  request: SloSourceRequest,
  services: SloSourceServices = grafanaServices,
  signal?: AbortSignal
): Promise<{ reading: PanelReading; spec: SloSpec | null }> {
  let jsonData: AppJsonData | undefined;
  try {
    jsonData = await services.getSettings();
  } catch (error) {
    return {
      spec: null,
      reading: notice('error', 'Cannot read the SLO Burn app settings', `${messageOf(error)}. Is the app enabled?`),
    };
  }
  const { valid, problems } = specsFromSettings(jsonData);
  const spec = valid.find((candidate) => candidate.id === request.sloId);
  if (!spec) {
    const index = (jsonData?.slos ?? []).findIndex(
      (raw) => typeof raw === 'object' && raw !== null && (raw as { id?: unknown }).id === request.sloId
    );
    const own = problems.filter((problem) => problem.severity === 'error' && problem.path.startsWith(`slos[${index}]`));
    if (index >= 0 && own.length > 0) {
      return {
        spec: null,
        reading: notice('warning', `SLO ${request.sloId} is not valid`, own.map(formatProblem).join('; ')),
      };
    }
    const known = valid.map((candidate) => candidate.id).join(', ');
    return {
      spec: null,
      reading: notice(
        'warning',
        `No SLO ${request.sloId}`,
        `The SLO Burn app defines ${known ? `these SLOs: ${known}` : 'no SLOs'}. Choose one in the panel options.`
      ),
    };
  }
  const datasource = request.datasource.trim() || spec.datasourceUid || jsonData?.defaultDatasourceUid || '';
  if (datasource === '') {
    return {
      spec,
      reading: notice(
        'warning',
        'No data source',
        `SLO ${spec.id} has no datasourceUid and the app has no default data source: set one in the app's configuration or in the panel options.`
      ),
    };
  }
  const historySeconds =
    request.historySeconds === 'period' ? periodBounds(spec.period, request.to).seconds : request.historySeconds;
  const plan = planQueries(spec, {
    from: request.from,
    to: request.to,
    view: 'overview',
    pointsLimit: 'coarsen',
    historySeconds,
  });
  const results = await services.runPlan(plan, datasource, signal);
  const failure = requestFailure(results);
  if (failure !== null) {
    return { spec, reading: notice('error', 'Query error', failure) };
  }
  const reading = readSlo(spec, plan, results);
  if (reading.kind === 'error') {
    return { spec, reading: notice('error', 'Query error', reading.message) };
  }
  const evaluation = reading.groups[0].evaluation;
  if (evaluation.status === 'no-data') {
    return {
      spec,
      reading: notice(
        'info',
        'No data',
        `Data source ${datasource} returned no data for SLO ${spec.id} (${spec.name}).`
      ),
    };
  }
  return {
    spec,
    reading: {
      kind: 'evaluated',
      result: {
        spec,
        evaluation,
        partial: partialMessage(evaluation, null, plan.step),
        notes: reading.notes,
        history: { events: reading.groups[0].events, stepSeconds: plan.step },
      },
    },
  };
}

/**
 * The one error every query got: the request failed as a whole (an unknown data source, a proxy's
 * 504, a cancelled request), said once rather than once per query.
 */
function requestFailure(results: readonly QueryResult[]): string | null {
  const first = results[0]?.error;
  return first !== undefined && results.every((result) => result.error === first) ? first : null;
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  if (typeof error === 'object' && error !== null) {
    const record = error as { data?: { message?: unknown }; statusText?: unknown; status?: unknown };
    const message = record.data?.message ?? record.statusText;
    if (typeof message === 'string' && message !== '') {
      return message;
    }
    if (typeof record.status === 'number') {
      return `HTTP ${record.status}`;
    }
  }
  return String(error);
}
