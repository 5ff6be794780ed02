import { useEffect, useState } from 'react';
import { type DataQueryRequest, type DataQueryResponse, dateTime } from '@grafana/data';
import { getDataSourceSrv } from '@grafana/runtime';
import { lastValueFrom, isObservable } from 'rxjs';
import type { SloSpec, SpecProblem } from '../domain';
import { resultsFromDataFrames } from '../prometheus/dataFrameAdapter';
import { SLOTH_INFO_QUERY, discoverSlothSlos } from '../prometheus/slothDiscovery';

export interface SlothDiscovery {
  specs: SloSpec[];
  problems: SpecProblem[];
  /** Changes when the discovered SLOs arrive, so the app can rebuild its pages. */
  version: number;
}

const NONE: SlothDiscovery = { specs: [], problems: [], version: 0 };

/**
 * SLOs described by Sloth's recording rules (`sloth_slo_info`) in the default data source, when the
 * configuration asks for them. A failure is reported as a problem, never a broken page.
 */
export function useSlothDiscovery(enabled: boolean, datasourceUid: string | null): SlothDiscovery {
  const source = enabled && datasourceUid ? datasourceUid : null;
  const [found, setFound] = useState<{ source: string; discovery: SlothDiscovery } | null>(null);
  useEffect(() => {
    if (!source) {
      return;
    }
    let cancelled = false;
    const settle = (discovery: SlothDiscovery) => !cancelled && setFound({ source, discovery });
    querySlothInfo(source).then(
      (labelSets) => settle({ specs: discoverSlothSlos(labelSets), problems: [], version: 1 }),
      (error: unknown) =>
        settle({
          specs: [],
          problems: [
            {
              path: 'slothDiscovery',
              message: `could not read sloth_slo_info: ${error instanceof Error ? error.message : String(error)}`,
              severity: 'error',
            },
          ],
          version: 1,
        })
    );
    return () => {
      cancelled = true;
    };
  }, [source]);
  return source && found?.source === source ? found.discovery : NONE;
}

async function querySlothInfo(datasourceUid: string): Promise<Array<Record<string, string>>> {
  const datasource = await getDataSourceSrv().get({ uid: datasourceUid });
  const now = dateTime();
  const request = {
    app: 'sloburn',
    requestId: 'sloburn-sloth-discovery',
    interval: '1m',
    intervalMs: 60000,
    range: { from: now, to: now, raw: { from: 'now', to: 'now' } },
    scopedVars: {},
    targets: [
      { refId: 'sloth', expr: SLOTH_INFO_QUERY, instant: true, range: false, datasource: { uid: datasourceUid } },
    ],
    timezone: 'utc',
    startTime: Date.now(),
  } as unknown as DataQueryRequest;
  const answer = datasource.query(request);
  const response: DataQueryResponse = isObservable(answer) ? await lastValueFrom(answer) : await answer;
  const [result] = resultsFromDataFrames(
    response.data,
    ['sloth'],
    response.errors ?? (response.error ? [response.error] : [])
  );
  if (result.error) {
    throw new Error(result.error);
  }
  return result.series.map((series) => series.labels);
}
