import {
  labelsText,
  listText,
  parseLabels,
  parseList,
  parseNumber,
  periodFields,
  sliFieldValue,
  sliFields,
  switchBudgetingMethod,
  switchSliKind,
  withCalendar,
  withField,
  withPeriodKind,
  withRolling,
  withSliField,
} from './specDraft';

describe('form values', () => {
  it('keeps text that is not a number for the validator to explain', () => {
    expect(parseNumber('99.9')).toBe(99.9);
    expect(parseNumber(' ')).toBeUndefined();
    expect(parseNumber('99,9')).toBe('99,9');
  });

  it('reads comma separated lists and key=value lines both ways', () => {
    expect(parseList(' route, cluster ,,')).toEqual(['route', 'cluster']);
    expect(parseList('')).toBeUndefined();
    expect(listText(['route', 'cluster'])).toBe('route, cluster');
    expect(parseLabels('team=payments\n\ntier = 1\nodd')).toEqual({ team: 'payments', tier: '1', odd: '' });
    expect(labelsText({ team: 'payments', tier: '1' })).toBe('team=payments\ntier=1');
  });

  it('removes a field that is emptied', () => {
    expect(withField({ id: 'a', description: 'x' }, 'description', undefined)).toEqual({ id: 'a' });
  });
});

describe('periods', () => {
  it('reads the spellings the validator accepts', () => {
    expect(periodFields({})).toMatchObject({ kind: 'rolling', rolling: '' });
    expect(periodFields({ period: '7d' })).toMatchObject({ kind: 'rolling', rolling: '7d' });
    expect(periodFields({ period: { calendar: 'month', timezone: 'Europe/Berlin' } })).toMatchObject({
      kind: 'calendar',
      calendar: 'month',
      timezone: 'Europe/Berlin',
    });
  });

  it('writes rolling and calendar periods', () => {
    expect(withPeriodKind({}, 'calendar')).toEqual({ period: { calendar: 'month' } });
    expect(withRolling({ period: { calendar: 'week' } }, '28d')).toEqual({ period: { rolling: '28d' } });
    expect(withCalendar({}, 'quarter', 'UTC')).toEqual({ period: { calendar: 'quarter', timezone: 'UTC' } });
    expect(withCalendar({}, 'quarter', '')).toEqual({ period: { calendar: 'quarter' } });
  });
});

describe('switching', () => {
  it('sets time-slice settings aside for occurrences and brings them back', () => {
    const timeslices = { budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' };
    const toOccurrences = switchBudgetingMethod(timeslices, 'occurrences', {});
    expect(toOccurrences.draft).toEqual({ budgetingMethod: 'occurrences' });
    expect(switchBudgetingMethod(toOccurrences.draft, 'timeslices', toOccurrences.setAside).draft).toEqual(timeslices);
  });

  it('sets the queries of the previous SLI kind aside and brings them back', () => {
    const events = { sli: { events: { errorQuery: 'e', totalQuery: 't' } } };
    const toRaw = switchSliKind(events, 'raw', {});
    expect(toRaw.draft).toEqual({ sli: { raw: {} } });
    expect(switchSliKind(toRaw.draft, 'events', toRaw.setAside).draft).toEqual(events);
  });

  it("reads Sloth's snake_case SLI spellings and writes the spec's", () => {
    const sloth = { sli: { events: { error_query: 'e', total_query: 't' } } };
    const { body, kind } = sliFields(sloth);
    expect(kind).toBe('events');
    expect(sliFieldValue(body, 'errorQuery')).toBe('e');
    expect(withSliField(sloth, 'errorQuery', 'e2')).toEqual({
      sli: { events: { total_query: 't', errorQuery: 'e2' } },
    });
    expect(sliFields({ sli: { bool_gauge: { query: 'up' } } }).kind).toBe('boolGauge');
    expect(sliFields({ sli: { events: {}, raw: {} } }).kind).toBeUndefined();
  });
});
