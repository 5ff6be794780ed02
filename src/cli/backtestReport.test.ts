import { coverageNote } from './backtestReport';

const DAY = 86400;
const TO = 1793491200; // 2026-11-01T00:00:00Z
const range = { from: TO - 90 * DAY, to: TO };

describe('coverageNote', () => {
  it('says nothing when the data reaches the start of the range', () => {
    expect(coverageNote(range.from - 3 * DAY, range)).toEqual({ covered: true, note: null });
    expect(coverageNote(range.from, range)).toEqual({ covered: true, note: null });
  });

  it('says where the data begins when it is after the start, and how much of the range could not fire', () => {
    expect(coverageNote(TO - 35 * DAY, range)).toEqual({
      covered: true,
      note: "Prometheus holds this SLO's data from 2026-09-27T00:00:00Z only: no pair could fire in the 55d of the range before it",
    });
  });

  it('calls a range without any of the SLO’s data no data, not a quiet period', () => {
    const none = { covered: false, note: 'Prometheus holds no data for this SLO in the range: no pair could fire' };
    expect(coverageNote(null, range)).toEqual(none);
    expect(coverageNote(TO, range)).toEqual(none);
  });
});
