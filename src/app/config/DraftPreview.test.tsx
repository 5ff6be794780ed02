import { act, fireEvent, screen, within } from '@testing-library/react';
import type { DataQueryRequest, DataQueryResponse } from '@grafana/data';
import { Observable } from 'rxjs';
import type { PrometheusDataQuery } from '../../prometheus/grafanaQueries';
import { matrixAnswer, promFrames } from '../../panels/shared/testing/panelProps';
import { PREVIEW_DELAY_MS } from './useDraftPreview';
import { buttonNamed, renderConfig, setUpGrafana, slo } from './testing';

const HOUR = 3600;
/** 2026-11-01 00:00 UTC, on the 5-minute grid. */
const NOW = 1793491200;
/** Two days ago, 3 hours of 5% errors against 0.05% otherwise; 1 request per second throughout. */
const INCIDENT = { start: NOW - 48 * HOUR, end: NOW - 45 * HOUR };

function perSecond(refId: string, time: number): number {
  if (refId.startsWith('total')) {
    return 1;
  }
  return time > INCIDENT.start && time <= INCIDENT.end ? 0.05 : 0.0005;
}

const KNOWN_FUNCTIONS = new Set(['sum', 'rate', 'increase', 'label_replace', 'by']);

/** Prometheus says why it refuses an expression; here, a function it does not know, in Prometheus's words. */
function parseError(expr: string): string | null {
  for (const match of expr.matchAll(/([a-z_]+)\s*\(/g)) {
    if (!KNOWN_FUNCTIONS.has(match[1])) {
      const column = (match.index ?? 0) + 1;
      return `bad_data: invalid parameter "query": 1:${column}: parse error: unknown function with name "${match[1]}"`;
    }
  }
  return null;
}

interface PendingQuery {
  request: DataQueryRequest<PrometheusDataQuery>;
  cancelled: boolean;
  answered: boolean;
  answer: () => void;
}

/**
 * Grafana's Prometheus data source seen from a plugin: `query` returns an Observable of frames (the
 * bucket queries answered from `perSecond`, the instant ones empty) or per-query errors, sent when the
 * test says so; unsubscribing cancels the request.
 */
function fakePrometheus({ answersAs = 'observable' }: { answersAs?: 'observable' | 'promise' } = {}) {
  const queries: PendingQuery[] = [];
  const response = (request: DataQueryRequest<PrometheusDataQuery>): DataQueryResponse => {
    const step = request.intervalMs / 1000;
    const from = request.range.from.unix() - step;
    const to = request.range.to.unix();
    const errors = request.targets.flatMap((target) => {
      const message = parseError(target.expr);
      return message ? [{ refId: target.refId, message }] : [];
    });
    const data = request.targets
      .filter((target) => target.range && !parseError(target.expr))
      .flatMap((target) =>
        promFrames(
          target.refId,
          matrixAnswer(from, to, step, (time) => perSecond(target.refId, time)),
          step
        )
      );
    return { data, errors: errors.length > 0 ? errors : undefined };
  };
  const observed = (request: DataQueryRequest<PrometheusDataQuery>) =>
    new Observable<DataQueryResponse>((subscriber) => {
      const pending: PendingQuery = {
        request,
        cancelled: false,
        answered: false,
        answer: () => {
          pending.answered = true;
          subscriber.next(response(request));
          subscriber.complete();
        },
      };
      queries.push(pending);
      return () => {
        pending.cancelled = !pending.answered;
      };
    });
  // Some data sources answer with a promise, which nobody can cancel.
  const promised = (request: DataQueryRequest<PrometheusDataQuery>) =>
    new Promise<DataQueryResponse>((resolve) => {
      const pending: PendingQuery = {
        request,
        cancelled: false,
        answered: false,
        answer: () => {
          pending.answered = true;
          resolve(response(request));
        },
      };
      queries.push(pending);
    });
  const datasource = { uid: 'prom-1', type: 'prometheus', query: answersAs === 'observable' ? observed : promised };
  return { datasource, queries };
}

async function advance(ms: number) {
  await act(async () => {
    jest.advanceTimersByTime(ms);
  });
}

/** Answers a query and lets the page take the answer in. */
async function answer(query: PendingQuery) {
  await act(async () => {
    query.answer();
  });
}

function preview(): HTMLElement {
  return screen.getByLabelText('Preview of this draft', { selector: 'section' });
}

beforeEach(() => {
  jest.useFakeTimers({ now: NOW * 1000 });
});

afterEach(() => {
  jest.useRealTimers();
  jest.restoreAllMocks();
});

describe('the preview of a draft SLO', () => {
  it('reads a valid draft with its queries once the edits pause, and shows its SLI, budget and alert history', async () => {
    const prometheus = fakePrometheus();
    setUpGrafana({ datasource: prometheus.datasource });
    renderConfig({ slos: [slo('a')], defaultDatasourceUid: 'prom-1' });
    fireEvent.click(buttonNamed('Edit a'));

    await advance(PREVIEW_DELAY_MS - 1);
    expect(prometheus.queries).toHaveLength(0);
    await advance(1);
    expect(prometheus.queries).toHaveLength(1);
    const [query] = prometheus.queries;
    // The draft's own queries, over the period as of now, as the overview plans them.
    expect(query.request.targets.map((target) => target.expr)).toEqual(
      expect.arrayContaining(['sum(rate(http_requests_total{code=~"5.."}[5m]))', 'sum(rate(http_requests_total[5m]))'])
    );
    expect(query.request.range.to.unix()).toBe(NOW);
    // The period and the 3-day window before it, for the alert history's first evaluation: the first bucket
    // ends 5 minutes into those 33 days.
    expect(query.request.range.from.unix()).toBe(NOW - 33 * 24 * HOUR + 300);
    await answer(query);

    // 30 days at 0.05% errors, 3 hours of them at 5%: 0.070625% bad, 70.625% of the 0.1% budget spent.
    expect(within(preview()).getByTestId('draft-preview-sli')).toHaveTextContent('99.929%');
    expect(within(preview()).getByTestId('draft-preview-budget')).toHaveTextContent('29.4%');
    expect(within(preview()).getByTestId('sloburn-burndown-chart')).toBeInTheDocument();
    // The 1h/5m page pair fires 4 buckets into the incident (the hour's ratio passes 1.44%) and stops one
    // bucket after it; at its peak both windows hold only incident buckets: 5% ÷ 0.1% = 50×.
    const fastPage = within(preview()).getByTestId('alert-history-page-1h/5m');
    expect(within(fastPage).getAllByRole('cell')[0]).toHaveTextContent('1');
    expect(within(fastPage).getByTestId('alert-history-episode')).toHaveTextContent(
      /^2026-10-30 00:20 → 03:05\s*2h 45m · peak 50× long, 50× short/
    );
  });

  it.each(['observable', 'promise'] as const)(
    'reads an edited draft after the pause, cancelling the older read and dropping its answer (answers as %s)',
    async (answersAs) => {
      const prometheus = fakePrometheus({ answersAs });
      setUpGrafana({ datasource: prometheus.datasource });
      renderConfig({ slos: [slo('a')], defaultDatasourceUid: 'prom-1' });
      fireEvent.click(buttonNamed('Edit a'));
      await advance(PREVIEW_DELAY_MS);
      expect(prometheus.queries).toHaveLength(1);

      // Typing a new objective while the first read is in flight: it is cancelled, the next waits for the pause.
      fireEvent.change(screen.getByLabelText(/^Objective/), { target: { value: '99' } });
      expect(prometheus.queries[0].cancelled).toBe(answersAs === 'observable');
      await advance(PREVIEW_DELAY_MS - 1);
      expect(prometheus.queries).toHaveLength(1);
      await advance(1);
      expect(prometheus.queries).toHaveLength(2);

      // The first answer, should it still come, is not shown; the second one is (the 1% budget: 7% spent).
      await answer(prometheus.queries[0]);
      expect(within(preview()).getByText('Reading the draft from Prometheus…')).toBeInTheDocument();
      expect(within(preview()).queryByTestId('draft-preview-budget')).not.toBeInTheDocument();
      expect(within(preview()).queryByText('This draft could not be read')).not.toBeInTheDocument();
      await answer(prometheus.queries[1]);
      expect(within(preview()).getByTestId('draft-preview-budget')).toHaveTextContent('92.9%');
    }
  );

  it("shows the data source's message for PromQL it cannot parse", async () => {
    const prometheus = fakePrometheus();
    setUpGrafana({ datasource: prometheus.datasource });
    const broken = slo('a', {
      sli: {
        events: {
          errorQuery: 'sum(rte(http_requests_total{code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
        },
      },
    });
    renderConfig({ slos: [broken], defaultDatasourceUid: 'prom-1' });
    fireEvent.click(buttonNamed('Edit a'));
    await advance(PREVIEW_DELAY_MS);
    await answer(prometheus.queries[0]);

    expect(within(preview()).getByText('This draft could not be read')).toBeInTheDocument();
    expect(within(preview()).getByTestId('draft-preview-error')).toHaveTextContent(
      'bad_data: invalid parameter "query": 1:5: parse error: unknown function with name "rte"'
    );
  });

  it('sends nothing for a draft that does not validate, and says what stops it', async () => {
    const prometheus = fakePrometheus();
    setUpGrafana({ datasource: prometheus.datasource });
    renderConfig({ slos: [slo('a', { objective: 100 })], defaultDatasourceUid: 'prom-1' });
    fireEvent.click(buttonNamed('Edit a'));
    await advance(10 * PREVIEW_DELAY_MS);

    expect(prometheus.queries).toHaveLength(0);
    expect(within(preview()).getByText('No preview until the SLO is valid')).toBeInTheDocument();
    expect(preview()).toHaveTextContent(/1 error stops it, listed above: objective: 100 leaves no error budget/);
  });

  it("reads the draft's own data source before the app's default, and says when there is none", async () => {
    const prometheus = fakePrometheus();
    const { get } = setUpGrafana({ datasource: prometheus.datasource });
    renderConfig({ slos: [slo('a', { datasourceUid: 'prom-2' }), slo('b')] });

    fireEvent.click(buttonNamed('Edit a'));
    await advance(PREVIEW_DELAY_MS);
    expect(get).toHaveBeenCalledWith('prom-2');
    fireEvent.click(buttonNamed('Cancel'));

    fireEvent.click(buttonNamed('Edit b'));
    await advance(PREVIEW_DELAY_MS);
    expect(within(preview()).getByText('No data source to read from')).toBeInTheDocument();
    expect(get).toHaveBeenCalledTimes(1);
  });
});
