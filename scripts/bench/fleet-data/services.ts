/**
 * The fleet benchmark's services: 200 HTTP services with their own traffic, error and latency
 * profiles and incidents, drawn from one seeded stream, so the same seed always gives the same fleet.
 * Some incidents are placed relative to the end of the data, so that the evaluation time finds SLOs in
 * every state: paging, ticketing, exhausted, slow, quiet.
 */
import { uniformInteger } from '../../demo/distributions';
import { type Random, createStream } from '../../demo/random';
import { DAY_SECONDS, HOUR_SECONDS, MINUTE_SECONDS, type TimeWindow } from '../../demo/timeline';

export const FLEET_SERVICE_COUNT = 200;
export const FLEET_DAYS = 33;
export const FLEET_SEED_DEFAULT = 7;

const DOMAINS = [
  'cart',
  'checkout',
  'payments',
  'search',
  'catalog',
  'auth',
  'profile',
  'orders',
  'shipping',
  'inventory',
  'pricing',
  'reviews',
  'ads',
  'notifications',
  'media',
  'gateway',
  'billing',
  'ledger',
  'recommendations',
  'analytics',
];
const ROLES = ['api', 'worker', 'edge', 'sync', 'batch', 'stream', 'admin', 'public', 'internal', 'graphql'];
const CLUSTERS = ['eu-1', 'us-1'];

/** What goes wrong, and how much, while an incident lasts. */
export interface Incident extends TimeWindow {
  kind: 'outage' | 'slow-burn' | 'latency';
  /** outage, slow-burn: the share of requests answered 5xx; latency: how many times slower requests get. */
  severity: number;
}

export interface FleetService {
  name: string;
  team: string;
  tier: 1 | 2 | 3;
  /** Every service runs in eu-1; every tenth also in us-1, with its own series. */
  clusters: string[];
  /** Mean requests per second per cluster at the daily average. */
  requestsPerSecond: number;
  /** Share of requests answered 5xx outside incidents, and 404. */
  serverErrors: number;
  notFound: number;
  /** Median request duration in seconds (log-normal, σ = 0.6). */
  medianSeconds: number;
  /** Hour of the day (UTC) traffic peaks at. */
  peakHourUtc: number;
  incidents: Incident[];
  /** When the process restarted (its counters begin again from zero), if it did. */
  restartAt: number | null;
}

/** The fleet's services for data ending at `end` (Unix seconds, on a minute) and spanning `days`. */
export function fleetServices(
  end: number,
  days: number = FLEET_DAYS,
  seed: number = FLEET_SEED_DEFAULT
): FleetService[] {
  const random = createStream(seed, 'fleet-services');
  const start = end - days * DAY_SECONDS;
  return Array.from({ length: FLEET_SERVICE_COUNT }, (_, index) => {
    const domain = DOMAINS[index % DOMAINS.length];
    const role = ROLES[Math.floor(index / DOMAINS.length) % ROLES.length];
    const tierDraw = random();
    return {
      name: `${domain}-${role}`,
      team: domain,
      tier: tierDraw < 0.25 ? 1 : tierDraw < 0.75 ? 2 : 3,
      clusters: index % 10 === 9 ? CLUSTERS : CLUSTERS.slice(0, 1),
      requestsPerSecond: roundTo(logUniform(random, 0.2, 150), 3),
      serverErrors: roundTo(logUniform(random, 2e-5, 4e-4), 7),
      notFound: roundTo(0.002 + 0.02 * random(), 5),
      medianSeconds: roundTo(logUniform(random, 0.02, 0.25), 4),
      peakHourUtc: uniformInteger(random, 0, 23),
      incidents: incidentsOf(random, index, start, end),
      restartAt: random() < 0.05 ? minuteIn(random, start + DAY_SECONDS, end - HOUR_SECONDS) : null,
    };
  });
}

/**
 * Random incidents over the whole span, plus one placed relative to the end for every 25th service and
 * its next three, so that the evaluation time at the end finds pages, tickets, exhausted budgets and
 * slow services whatever the seed.
 */
function incidentsOf(random: Random, index: number, start: number, end: number): Incident[] {
  const incidents: Incident[] = [];
  const draw = random();
  if (draw < 0.3) {
    for (let count = uniformInteger(random, 1, 3); count > 0; count--) {
      const duration = minuteIn(random, 10 * MINUTE_SECONDS, 3 * HOUR_SECONDS);
      const from = minuteIn(random, start + HOUR_SECONDS, end - duration - HOUR_SECONDS);
      incidents.push({
        kind: 'outage',
        start: from,
        end: from + duration,
        severity: roundTo(0.02 + 0.5 * random(), 3),
      });
    }
  } else if (draw < 0.4) {
    const duration = minuteIn(random, 6 * HOUR_SECONDS, 48 * HOUR_SECONDS);
    const from = minuteIn(random, start + HOUR_SECONDS, end - duration);
    incidents.push({
      kind: 'slow-burn',
      start: from,
      end: from + duration,
      severity: roundTo(0.002 + 0.013 * random(), 4),
    });
  } else if (draw < 0.5) {
    const duration = minuteIn(random, HOUR_SECONDS, 12 * HOUR_SECONDS);
    const from = minuteIn(random, start + HOUR_SECONDS, end - duration);
    incidents.push({ kind: 'latency', start: from, end: from + duration, severity: roundTo(3 + 7 * random(), 2) });
  }
  switch (index % 25) {
    case 0:
      // Still failing at the end: the page pairs fire.
      incidents.push({
        kind: 'outage',
        start: end - minuteIn(random, 20 * MINUTE_SECONDS, 90 * MINUTE_SECONDS),
        end: end + MINUTE_SECONDS,
        severity: 0.3,
      });
      break;
    case 1:
      // Burning slowly for the last day and more: the ticket pairs fire.
      incidents.push({ kind: 'slow-burn', start: end - 30 * HOUR_SECONDS, end: end + MINUTE_SECONDS, severity: 0.006 });
      break;
    case 2:
      // A long outage ten days before: the 30-day budget is spent.
      incidents.push({
        kind: 'outage',
        start: end - 10 * DAY_SECONDS,
        end: end - 10 * DAY_SECONDS + 8 * HOUR_SECONDS,
        severity: 0.2,
      });
      break;
    case 3:
      // Slow for the last two hours.
      incidents.push({ kind: 'latency', start: end - 2 * HOUR_SECONDS, end: end + MINUTE_SECONDS, severity: 12 });
      break;
  }
  return incidents;
}

function logUniform(random: Random, min: number, max: number): number {
  return Math.exp(Math.log(min) + (Math.log(max) - Math.log(min)) * random());
}

/** A whole minute in [min, max]. */
function minuteIn(random: Random, min: number, max: number): number {
  const minutes = Math.floor((max - min) / MINUTE_SECONDS);
  return min + uniformInteger(random, 0, Math.max(0, minutes)) * MINUTE_SECONDS;
}

function roundTo(value: number, digits: number): number {
  return Number(value.toPrecision(digits));
}
