/** @jest-environment node */
import {
  DAY_SECONDS,
  DEMO_DAYS,
  DEMO_END_DEFAULT,
  SCRAPE_INTERVAL_SECONDS,
  coversMinuteEndingAt,
  containsInstant,
  demoTimeline,
} from './timeline';

describe('demoTimeline', () => {
  const timeline = demoTimeline(DEMO_END_DEFAULT);
  const windows = Object.entries(timeline.incidents);

  it('spans DEMO_DAYS days before the end', () => {
    expect(timeline.end - timeline.start).toBe(DEMO_DAYS * DAY_SECONDS);
  });

  it('places every incident inside the span, on the scrape grid', () => {
    for (const [, window] of windows) {
      expect(window.start).toBeGreaterThan(timeline.start);
      expect(window.end).toBeLessThanOrEqual(timeline.end);
      expect(window.end).toBeGreaterThan(window.start);
      expect(window.start % SCRAPE_INTERVAL_SECONDS).toBe(0);
      expect(window.end % SCRAPE_INTERVAL_SECONDS).toBe(0);
    }
  });

  it('places the incidents relative to the end', () => {
    const dayLater = demoTimeline(DEMO_END_DEFAULT + DAY_SECONDS);
    for (const [name, window] of windows) {
      const shifted = dayLater.incidents[name as keyof typeof dayLater.incidents];
      expect(shifted).toEqual({ start: window.start + DAY_SECONDS, end: window.end + DAY_SECONDS });
    }
  });

  it('keeps the checkout incidents apart', () => {
    const { checkoutSlowBurn, checkoutRestart, checkoutQuietHour } = timeline.incidents;
    const checkout = [checkoutSlowBurn, checkoutRestart, checkoutQuietHour].sort((a, b) => a.start - b.start);
    for (let index = 1; index < checkout.length; index++) {
      expect(checkout[index].start).toBeGreaterThan(checkout[index - 1].end);
    }
  });

  it('puts the Calico outage in a daytime hour two days before the end', () => {
    const { calicoOutage } = timeline.incidents;
    expect(new Date(calicoOutage.start * 1000).toISOString()).toBe('2026-10-30T10:00:00.000Z');
    expect(calicoOutage.end - calicoOutage.start).toBe(3 * 3600);
  });

  it('rejects an end off the minute grid', () => {
    expect(() => demoTimeline(DEMO_END_DEFAULT + 1)).toThrow(/whole number of minutes/);
  });
});

describe('window membership', () => {
  const window = { start: 600, end: 900 };

  it('counts the minutes reported by samples after the start up to the end', () => {
    expect([600, 660, 900, 960].map((time) => coversMinuteEndingAt(window, time))).toEqual([false, true, true, false]);
  });

  it('counts instants from the start up to but not including the end', () => {
    expect([540, 600, 840, 900].map((time) => containsInstant(window, time))).toEqual([false, true, true, false]);
  });
});
