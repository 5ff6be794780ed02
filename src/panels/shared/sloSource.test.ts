import { renderHook, waitFor } from '@testing-library/react';
import type { QueryPlan } from '../../prometheus/plan';
import type { QueryResult } from '../../prometheus/series';
import { type SloSourceServices, loadSloReading } from './sloSource';
import { useSloReading } from './useSloReading';

const NOW = 1793491200;
const checkout = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};

/** Answers every planned bucket: rates of 0.0005 bad and 1 total per second (half the budget rate). */
function answering(plan: QueryPlan): QueryResult[] {
  return plan.queries.map((query) => {
    const times: number[] = [];
    for (let time = query.start; time <= query.end; time += query.step) {
      times.push(time);
    }
    return {
      refId: query.refId,
      series: [{ labels: {}, times, values: times.map(() => (query.role === 'bad' ? 0.0005 : 1)) }],
    };
  });
}

type RunPlan = (plan: QueryPlan, datasource: string, signal?: AbortSignal) => Promise<QueryResult[]>;

function services(jsonData: unknown, runPlan: RunPlan = async (plan) => answering(plan)): SloSourceServices {
  return { getSettings: async () => jsonData as never, runPlan };
}

const request = { sloId: 'checkout-availability', datasource: '', from: NOW - 3600, to: NOW };

describe('loadSloReading', () => {
  it('plans over the whole period and evaluates the answers with the engine', async () => {
    const runPlan = jest.fn<ReturnType<RunPlan>, Parameters<RunPlan>>(async (plan) => answering(plan));
    const { reading, spec } = await loadSloReading(
      request,
      services({ slos: [checkout], defaultDatasourceUid: 'ds' }, runPlan)
    );
    expect(spec?.id).toBe('checkout-availability');
    expect(runPlan).toHaveBeenCalledWith(expect.objectContaining({ view: 'overview' }), 'ds', undefined);
    expect(reading.kind).toBe('evaluated');
    if (reading.kind === 'evaluated') {
      expect(reading.result.evaluation.budgetRemaining).toBeCloseTo(0.5, 6);
      expect(reading.result.partial).toBeNull();
    }
  });

  it("prefers the SLO's own data source to the app default, and the panel's to both", async () => {
    const own = { ...checkout, datasourceUid: 'own' };
    const runPlan = jest.fn<ReturnType<RunPlan>, Parameters<RunPlan>>(async (plan) => answering(plan));
    await loadSloReading(request, services({ slos: [own], defaultDatasourceUid: 'default' }, runPlan));
    expect(runPlan.mock.calls[0][1]).toBe('own');
    await loadSloReading({ ...request, datasource: 'panel' }, services({ slos: [own] }, runPlan));
    expect(runPlan.mock.calls[1][1]).toBe('panel');
  });

  it('explains an invalid SLO with its problems', async () => {
    const { reading } = await loadSloReading(request, services({ slos: [{ ...checkout, objective: 100 }] }));
    expect(reading).toMatchObject({
      kind: 'notice',
      notice: {
        title: 'SLO checkout-availability is not valid',
        message: expect.stringContaining('objective: 100 leaves no error budget'),
      },
    });
  });

  it('asks for a data source when neither the SLO, the panel nor the app has one', async () => {
    const { reading } = await loadSloReading(request, services({ slos: [checkout] }));
    expect(reading).toMatchObject({ kind: 'notice', notice: { title: 'No data source' } });
  });

  it('says when the app settings cannot be read', async () => {
    const failing: SloSourceServices = {
      getSettings: async () => {
        throw { status: 404, data: { message: 'Plugin not found' } };
      },
      runPlan: jest.fn(),
    };
    const { reading } = await loadSloReading(request, failing);
    expect(reading).toMatchObject({ kind: 'notice', notice: { message: 'Plugin not found. Is the app enabled?' } });
  });
});

describe('useSloReading', () => {
  it('loads, keeps the last answer while the next loads, and drops superseded answers', async () => {
    const fixed = services({ slos: [checkout], defaultDatasourceUid: 'ds' });
    const { result, rerender } = renderHook(({ to }) => useSloReading({ ...request, to }, fixed), {
      initialProps: { to: NOW },
    });
    expect(result.current).toEqual({ loading: true, reading: null, spec: null });
    await waitFor(() => expect(result.current.loading).toBe(false));
    expect(result.current.reading?.kind).toBe('evaluated');
    rerender({ to: NOW + 300 });
    expect(result.current.loading).toBe(true);
    expect(result.current.reading?.kind).toBe('evaluated');
    await waitFor(() => expect(result.current.loading).toBe(false));
  });

  it('cancels the request of a superseded time range, and of a panel that goes away', async () => {
    const signals: AbortSignal[] = [];
    const never: RunPlan = (_plan, _datasource, signal) => {
      signals.push(signal!);
      return new Promise(() => undefined);
    };
    const hanging = services({ slos: [checkout], defaultDatasourceUid: 'ds' }, never);
    const { rerender, unmount } = renderHook(({ to }) => useSloReading({ ...request, to }, hanging), {
      initialProps: { to: NOW },
    });
    await waitFor(() => expect(signals).toHaveLength(1));
    rerender({ to: NOW + 300 });
    await waitFor(() => expect(signals).toHaveLength(2));
    expect(signals.map((signal) => signal.aborted)).toEqual([true, false]);
    unmount();
    expect(signals[1].aborted).toBe(true);
  });

  it('does nothing without a request', () => {
    const { result } = renderHook(() => useSloReading(null, services({})));
    expect(result.current).toEqual({ loading: false, reading: null, spec: null });
  });
});
