/**
 * When the demo data starts and ends, and where its incidents are. Every incident is placed relative to
 * the end, so a demo generated up to "now" shows them at the same relative places as the fixed data set
 * the tests use.
 */

/** 2026-11-01T00:00:00Z: the end of the fixed demo data set that tests and benchmarks use. */
export const DEMO_END_DEFAULT = 1793491200;
export const DEMO_DAYS = 35;
export const DEMO_SEED_DEFAULT = 1;
export const SCRAPE_INTERVAL_SECONDS = 60;

export const MINUTE_SECONDS = 60;
export const HOUR_SECONDS = 3600;
export const DAY_SECONDS = 86400;

/** Unix seconds, `start` inclusive, `end` exclusive. */
export interface TimeWindow {
  start: number;
  end: number;
}

export interface DemoIncidents {
  /** Every request to the API group projectcalico.org times out: code 504, slower than 60 s. */
  calicoOutage: TimeWindow;
  /** Karmada cannot reach member2: every work operation to it fails and it reads NotReady. */
  member2Unreachable: TimeWindow;
  /** member3 goes NotReady for 1–3 minutes every 10–20 minutes. */
  member3Flapping: TimeWindow;
  /** Checkout returns 0.4 % 5xx: four times the budget of a 99.9 % SLO, slow enough to only open tickets. */
  checkoutSlowBurn: TimeWindow;
  /**
   * The checkout process is down: scrapes in [start, end) fail, and its counters restart from zero in
   * the sample at `end`.
   */
  checkoutRestart: TimeWindow;
  /** Checkout serves no requests at all; its counters stay flat. */
  checkoutQuietHour: TimeWindow;
}

export type IncidentName = keyof DemoIncidents;

export interface DemoTimeline {
  /** Time of the first sample. */
  start: number;
  /** Time of the last sample. */
  end: number;
  incidents: DemoIncidents;
}

export function demoTimeline(end: number, days: number = DEMO_DAYS): DemoTimeline {
  assertOnScrapeGrid(end, 'end');
  const span = days * DAY_SECONDS;
  assertOnScrapeGrid(span, 'days * 86400');
  const startingAt = (offsetBeforeEnd: number, duration: number): TimeWindow => ({
    start: end - offsetBeforeEnd,
    end: end - offsetBeforeEnd + duration,
  });
  const restartAt = end - 6 * DAY_SECONDS + 9 * HOUR_SECONDS;
  return {
    start: end - span,
    end,
    incidents: {
      calicoOutage: startingAt(2 * DAY_SECONDS - 10 * HOUR_SECONDS, 3 * HOUR_SECONDS),
      member2Unreachable: startingAt(5 * DAY_SECONDS - 14 * HOUR_SECONDS, 90 * MINUTE_SECONDS),
      member3Flapping: startingAt(8 * DAY_SECONDS - 2 * HOUR_SECONDS, 6 * HOUR_SECONDS),
      checkoutSlowBurn: startingAt(3 * DAY_SECONDS, 30 * HOUR_SECONDS),
      checkoutRestart: { start: restartAt - 5 * MINUTE_SECONDS, end: restartAt },
      checkoutQuietHour: startingAt(4 * DAY_SECONDS - 3 * HOUR_SECONDS, HOUR_SECONDS),
    },
  };
}

/**
 * Whether the minute of traffic reported by the sample at `sampleTime` (the minute ending then) lies in
 * the window.
 */
export function coversMinuteEndingAt(window: TimeWindow, sampleTime: number): boolean {
  return sampleTime > window.start && sampleTime <= window.end;
}

/** Whether something happening at the instant `time`, such as a scrape, falls in the window. */
export function containsInstant(window: TimeWindow, time: number): boolean {
  return time >= window.start && time < window.end;
}

export function assertOnScrapeGrid(seconds: number, what: string): void {
  if (!Number.isInteger(seconds) || seconds % SCRAPE_INTERVAL_SECONDS !== 0) {
    throw new Error(`${what} must be a whole number of minutes in seconds, got ${seconds}`);
  }
}
