import { FieldType, type PanelData, toDataFrame } from '@grafana/data';
import { panelEvents } from './panelEvents';
import { matrixAnswer, panelData, promFrames, timeRangeOf } from './testing/panelProps';
import { DEFAULT_EVENT_QUERY_OPTIONS, type EventQueryOptions } from './types';

const NOW = 1793491200;
const RANGE = timeRangeOf(NOW - 3600, NOW);
const options = (overrides: Partial<EventQueryOptions> = {}) => ({ ...DEFAULT_EVENT_QUERY_OPTIONS, ...overrides });

describe('panelEvents', () => {
  it('reads queries named bad and total, with the step Grafana puts on the time field', () => {
    const frames = [
      ...promFrames(
        'bad',
        matrixAnswer(NOW - 3600, NOW, 300, () => 1),
        300
      ),
      ...promFrames(
        'total',
        matrixAnswer(NOW - 3600, NOW, 300, () => 100),
        300
      ),
    ];
    const events = panelEvents(panelData(frames, RANGE), options());
    expect(events).toMatchObject({ kind: 'events', step: 300, first: NOW - 3300, last: NOW, mapping: { by: 'refId' } });
  });

  it('reads a table-like frame whose fields are named bad and total, stepping by the gap between rows', () => {
    const frame = toDataFrame({
      refId: 'A',
      fields: [
        { name: 'time', type: FieldType.time, values: [1, 2, 3].map((i) => (NOW - 3600 + i * 600) * 1000) },
        { name: 'Bad', type: FieldType.number, values: [1, 2, 3] },
        { name: 'total', type: FieldType.number, values: [10, 20, 30] },
      ],
    });
    const events = panelEvents(panelData([frame], RANGE), options());
    expect(events).toMatchObject({ kind: 'events', step: 600, mapping: { by: 'label', label: 'type' } });
    if (events.kind === 'events') {
      expect(events.results.map((result) => result.series[0].values)).toEqual([
        [1, 2, 3],
        [10, 20, 30],
      ]);
    }
  });

  it('splits series by a chosen label', () => {
    const frames = [
      ...promFrames(
        'A',
        matrixAnswer(NOW - 3600, NOW, 300, () => 1, { kind: 'errors' }),
        300
      ),
      ...promFrames(
        'A',
        matrixAnswer(NOW - 3600, NOW, 300, () => 100, { kind: 'total' }),
        300
      ),
    ];
    expect(panelEvents(panelData(frames, RANGE), options()).kind).toBe('unmapped');
    const withLabel = panelEvents(panelData(frames, RANGE), options({ seriesLabel: 'kind' }));
    // `errors` is not `bad`: only totals, which is zero bad events.
    expect(withLabel).toMatchObject({ kind: 'events', mapping: { by: 'label', label: 'kind' } });
  });

  it('takes the refIds the options choose', () => {
    const frames = [
      ...promFrames(
        'B',
        matrixAnswer(NOW - 3600, NOW, 300, () => 1),
        300
      ),
      ...promFrames(
        'A',
        matrixAnswer(NOW - 3600, NOW, 300, () => 100),
        300
      ),
    ];
    const events = panelEvents(panelData(frames, RANGE), options({ badQuery: 'B', totalQuery: 'A' }));
    expect(events).toMatchObject({ kind: 'events', mapping: { by: 'refId', bad: 'B', total: 'A' } });
    if (events.kind === 'events') {
      expect(events.results[0].series[0].values[0]).toBe(1);
    }
  });

  it('falls back to the request interval for a single point', () => {
    const frames = promFrames(
      'total',
      matrixAnswer(NOW - 60, NOW, 60, () => 5),
      0
    );
    const data: PanelData = {
      ...panelData(frames, RANGE),
      request: { intervalMs: 120_000, targets: [] } as unknown as PanelData['request'],
    };
    expect(panelEvents(data, options())).toMatchObject({ kind: 'events', step: 120 });
  });

  it('reports errors before anything else, and no data when there are no numbers', () => {
    const errors = panelData([], RANGE, { errors: [{ message: 'timeout' }, { refId: 'total', message: 'bad_data' }] });
    expect(panelEvents(errors, options())).toEqual({ kind: 'error', message: 'timeout; total: bad_data' });
    const empty = panelData([toDataFrame({ refId: 'total', fields: [] })], RANGE);
    expect(panelEvents(empty, options()).kind).toBe('no-data');
  });
});
