import { fieldForPath, pathInEntry, problemIndex, problemsByField } from './fieldProblems';

describe('fieldForPath', () => {
  it.each([
    ['slos[0].objective', 'objective'],
    ['slos[0].sli.events.totalQuery', 'sli.events.totalQuery'],
    ['slos[12].period.rolling', 'period.rolling'],
    ['slos[0].period', 'period'],
    ['slos[0].period.timezone', 'period.timezone'],
    ['slos[0].labels.Bad-Name', 'labels'],
    ['slos[0].breakdownLabels[1]', 'breakdownLabels'],
    ['slos[0].sli', 'sli'],
    ['slos[0].sli.events', 'sli'],
    ['slos[0].sli.bool_gauge.query', 'sli.boolGauge.query'],
    ['slos[0].sli.latency.threshold', 'sli.latency.threshold'],
    ['slos[0].timesliceWindow', 'timesliceWindow'],
  ])('maps %s to the %s field', (path, field) => {
    expect(fieldForPath(path)).toBe(field);
  });

  it.each(['slos[0].alerting.windows[0].short', 'slos[0].datasourceUid', 'slos[0].objectiv', 'slos[0]', 'slos'])(
    'leaves %s to the list above the form',
    (path) => {
      expect(fieldForPath(path)).toBeUndefined();
    }
  );
});

describe('problem paths', () => {
  it('reads the entry index and the path inside the entry', () => {
    expect(problemIndex('slos[3].sli.events.totalQuery')).toBe(3);
    expect(problemIndex('slos')).toBeUndefined();
    expect(pathInEntry('slos[3].sli.events.totalQuery')).toBe('sli.events.totalQuery');
    expect(pathInEntry('slos[3]')).toBe('');
  });

  it('groups problems by field', () => {
    const objective = { path: 'slos[0].objective', message: 'is required', severity: 'error' as const };
    const window = { path: 'slos[0].alerting.windows', message: 'bad', severity: 'error' as const };
    expect(problemsByField([objective, window])).toEqual({ objective: [objective] });
  });
});
