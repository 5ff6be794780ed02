import type { DataSourceApi } from '@grafana/data';
import { failAll, lookUp, queryDataSource } from '../runWithDataSource';
import type { PlanExecutor } from './types';

export interface GrafanaExecutorOptions {
  /** Looks data sources up by uid; default: Grafana's data source service. */
  getDataSource?: (uid: string) => Promise<DataSourceApi>;
  /** The refId a query gets in the request, e.g. one that names the SLO; default: the plan's own. */
  requestRefId?: (sloId: string, refId: string) => string;
  /** Shown in Grafana's request headers (`X-Grafana-From-App`-like `app`); default: the plugin id. */
  app?: string;
}

/**
 * The app's executor: one request per plan through the Grafana data source (its backend proxies it to
 * Prometheus), as `runPlanWithDataSource` sends it but not scheduled (the fleet loader schedules). An
 * unknown data source is every query's error; overload and abort reject (see `queryDataSource`).
 */
export function grafanaExecutor(options: GrafanaExecutorOptions = {}): PlanExecutor {
  const rename = options.requestRefId ?? ((_sloId: string, refId: string) => refId);
  return async ({ plan, datasource, signal }) => {
    let api: DataSourceApi;
    try {
      api = await lookUp(datasource, options.getDataSource);
    } catch (error) {
      const failure = `data source ${datasource} not found: ${messageOf(error)}`;
      return { results: failAll(plan, failure), failure };
    }
    const sent = {
      ...plan,
      queries: plan.queries.map((query) => ({ ...query, refId: rename(plan.sloId, query.refId) })),
    };
    const { results, failure } = await queryDataSource(sent, api, { signal, app: options.app });
    return {
      results: results.map((result, index) => ({ ...result, refId: plan.queries[index].refId })),
      failure: failure ?? undefined,
    };
  };
}

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    return error.message;
  }
  const message = (error as { message?: unknown } | null)?.message;
  return typeof message === 'string' ? message : String(error);
}
