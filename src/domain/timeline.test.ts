import { EventIndex } from './buckets';
import { defaultAlertWindows, evaluateAlerts } from './burnRate';
import { alertTimeline, alignedTimes, burnRateSeries, firingSince } from './timeline';
import { bucketsBetween } from './testing/buckets';
import { evaluateWindows, observationsByWindow } from './windowEvaluation';

const HOUR = 3600;
const DAY = 86400;
const windows = defaultAlertWindows(30 * DAY);
const incidentStart = 10 * DAY;
const events = new EventIndex(
  bucketsBetween(0, 12 * DAY, 300, (t) => ({
    bad: t >= incidentStart && t < incidentStart + 3 * HOUR ? 40 : 0.2,
    total: 1000,
  }))
);

describe('alertTimeline', () => {
  const times = alignedTimes(incidentStart - 6 * HOUR, incidentStart + 30 * HOUR, 300);
  const timeline = alertTimeline(events, 99.9, windows, times);

  it('agrees with evaluateAlerts at every time', () => {
    const lengths = [300, 1800, 3600, 7200, 21600, 86400, 259200];
    times.forEach((time, i) => {
      const expected = evaluateAlerts(
        99.9,
        observationsByWindow(evaluateWindows(events, lengths, time, 99.9)),
        windows
      );
      expect(timeline.pairs.map((pair) => pair.firing[i])).toEqual(expected.pairs.map((pair) => pair.firing));
      expect(timeline.page[i]).toBe(expected.page);
      expect(timeline.ticket[i]).toBe(expected.ticket);
    });
  });

  it('pages once the 1h window passes 14.4× and stops within the short window after errors end', () => {
    const firstPage = times[timeline.page.indexOf(true)];
    const lastPage = times[timeline.page.lastIndexOf(true)];
    // At 4% errors the 1h ratio passes 1.44% after 0.0144 / 0.04 h = 21.6 min: the 25-minute step.
    expect(firstPage - incidentStart).toBe(1500);
    expect(lastPage - (incidentStart + 3 * HOUR)).toBeLessThanOrEqual(1800);
  });
});

describe('firingSince', () => {
  it('finds when the current firing stretch began', () => {
    const now = incidentStart + 2 * HOUR;
    const since = firingSince(events, 99.9, windows[0], now, 300);
    expect(since).toBe(incidentStart + 1500);
    expect(firingSince(events, 99.9, windows[0], incidentStart - HOUR, 300)).toBeNull();
  });
});

describe('burnRateSeries', () => {
  it('gives each window burn rate over time, null without traffic', () => {
    const quiet = new EventIndex(bucketsBetween(0, 3600, 300, (t) => ({ bad: 0, total: t < 1800 ? 0 : 100 })));
    expect(burnRateSeries(quiet, 300, [600, 3600], 99)).toEqual([null, 0]);
    expect(burnRateSeries(events, HOUR, [incidentStart + 2 * HOUR], 99.9)).toEqual([40]);
  });
});

describe('alignedTimes', () => {
  it('puts times on multiples of the step, as Grafana aligns range queries', () => {
    expect(alignedTimes(130, 1000, 300)).toEqual([300, 600, 900]);
  });
});

describe('firingSince over a long stretch', () => {
  it('finds the start of a stretch longer than a day, as the step-by-step walk would', () => {
    const longIncidentStart = 3 * DAY;
    const burning = new EventIndex(
      bucketsBetween(0, 12 * DAY, 300, (t) => ({ bad: t >= longIncidentStart ? 40 : 0.2, total: 1000 }))
    );
    // 4% errors from day 3: the 1h/5m pair fires from 25 minutes in, and is still firing at day 12.
    expect(firingSince(burning, 99.9, windows[0], 12 * DAY, 300)).toBe(longIncidentStart + 1500);
  });
});

describe('the low-traffic guard over time', () => {
  // 100 events per 5 minutes, 1,200 an hour; the traffic drops to 5 per 5 minutes after day 2, with 50% errors.
  const dropAt = 2 * DAY;
  const quietNight = new EventIndex(
    bucketsBetween(0, 3 * DAY, 300, (t) => (t < dropAt ? { bad: 0, total: 100 } : { bad: 2.5, total: 5 }))
  );
  const times = alignedTimes(dropAt - HOUR, dropAt + 4 * HOUR, 300);
  const guard = { minEvents: 600 };

  it('gives each pair a state at every time, holding it back once its long window has too few events', () => {
    const timeline = alertTimeline(quietNight, 99.9, windows, times, guard);
    const fastPair = timeline.pairs[0];
    const stateAt = (time: number) => fastPair.states[times.indexOf(time)];
    expect(stateAt(dropAt)).toBe('ok');
    // The 1h window holds 1,200 events before the drop; at dropAt + 30m it holds 6 × 100 + 6 × 5 = 630 (it
    // may fire), at dropAt + 35m 5 × 100 + 7 × 5 = 535 (held back).
    expect(stateAt(dropAt + 1800)).toBe('firing');
    expect(stateAt(dropAt + 2100)).toBe('insufficient-traffic');
    expect(stateAt(dropAt + 4 * HOUR)).toBe('insufficient-traffic');
    expect(fastPair.firing).toEqual(fastPair.states.map((state) => state === 'firing'));
    // Without the guard the pair pages all night.
    expect(alertTimeline(quietNight, 99.9, windows, times).pairs[0].states.at(-1)).toBe('firing');
  });

  it('agrees with evaluateAlerts at every time', () => {
    const timeline = alertTimeline(quietNight, 99.9, windows, times, guard);
    const lengths = [300, 1800, 3600, 7200, 21600, 86400, 259200];
    times.forEach((time, i) => {
      const expected = evaluateAlerts(
        99.9,
        observationsByWindow(evaluateWindows(quietNight, lengths, time, 99.9)),
        windows,
        guard
      );
      expect(timeline.pairs.map((pair) => pair.states[i])).toEqual(expected.pairs.map((pair) => pair.state));
    });
  });

  it('never reports a held-back pair as firing, and finds since when a pair fires behind the guard', () => {
    expect(firingSince(quietNight, 99.9, windows[0], dropAt + 4 * HOUR, 300, guard)).toBeNull();
    // 1h/5m: 2.5k bad of 1,200 − 95k events after k quiet buckets passes 1.44% at k = 5.
    expect(firingSince(quietNight, 99.9, windows[0], dropAt + 1800, 300, guard)).toBe(dropAt + 1500);
    // 6h/30m: its long window keeps 600 events for almost 6 hours; 2.5k of 7,200 − 95k passes 0.6% at k = 15.
    expect(firingSince(quietNight, 99.9, windows[1], dropAt + 2 * HOUR, 300, guard)).toBe(dropAt + 4500);
  });
});
