/**
 * The fleet benchmark's SLOs: five per service of scripts/bench/fleet-data/services.ts, so 1,000 over
 * the 200 services, in every shape the app supports: availability from events (grouped by cluster for
 * the services in two clusters), latency from the histogram, good/total ratios, a raw error ratio,
 * custom alert windows, rolling periods of 7, 28 and 30 days, calendar months, the low-traffic guard and
 * time slices. Deterministic: the same list every run; validated by the app's own validator.
 */
import { type SloSpec, validateSloSpecs } from '../../../src/domain';
import { DEMO_END_DEFAULT } from '../../demo/timeline';
import { type FleetService, fleetServices } from './services';

export const SLOS_PER_SERVICE = 5;
/** Latency thresholds (histogram bounds) an SLO may use, shortest first. */
const THRESHOLDS = ['0.25', '0.5', '1', '2.5'];
const OBJECTIVE_BY_TIER: Record<FleetService['tier'], number> = { 1: 99.95, 2: 99.9, 3: 99.5 };

/**
 * The first `count` SLOs (default and at most 1,000): every service's first SLO, then every service's
 * second, and so on, so that any prefix spreads over the whole fleet.
 */
export function fleetDataSpecs(count = 1000, services: FleetService[] = fleetServices(DEMO_END_DEFAULT)): SloSpec[] {
  const all = services.map((service, index) => serviceSlos(service, index));
  if (count > all.length * SLOS_PER_SERVICE) {
    throw new Error(`the fleet has ${all.length * SLOS_PER_SERVICE} SLOs, asked for ${count}`);
  }
  const specs: SloSpec[] = [];
  for (let slot = 0; slot < SLOS_PER_SERVICE && specs.length < count; slot++) {
    for (const slos of all) {
      if (specs.length < count) {
        specs.push(slos[slot]);
      }
    }
  }
  const { valid, problems } = validateSloSpecs(specs);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0 || valid.length !== specs.length) {
    throw new Error(`the fleet's SLOs are invalid: ${errors.map((problem) => problem.message).join('; ')}`);
  }
  return valid;
}

function serviceSlos(service: FleetService, index: number): SloSpec[] {
  const { name } = service;
  const requests = (matchers = '') => `http_requests_total{service="${name}"${matchers}}`;
  const rate = (selector: string, by = '') => `sum${by}(rate(${selector}[{{.window}}]))`;
  const grouped = service.clusters.length > 1;
  const base = {
    service: name,
    labels: { team: service.team, tier: String(service.tier), fleet: 'bench' },
    budgetingMethod: 'occurrences' as const,
  };
  const objective = OBJECTIVE_BY_TIER[service.tier];
  const availability: SloSpec = {
    ...base,
    id: `${name}-availability`,
    name: `${name} availability${grouped ? ' per cluster' : ''}`,
    objective,
    period: { rolling: '30d' },
    breakdownLabels: ['code', 'cluster'],
    sli: {
      events: {
        errorQuery: rate(requests(',code=~"5.."'), grouped ? ' by (cluster)' : ''),
        totalQuery: rate(requests(), grouped ? ' by (cluster)' : ''),
      },
    },
  };
  const threshold = THRESHOLDS.find((bound) => Number(bound) >= 4 * service.medianSeconds) ?? '2.5';
  const latency: SloSpec = {
    ...base,
    id: `${name}-latency`,
    name: `${name} requests within ${threshold} s`,
    objective: service.tier === 1 ? 99.5 : 99,
    period: { rolling: '28d' },
    breakdownLabels: ['cluster'],
    sli: {
      latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold, selector: `{service="${name}"}` },
    },
  };
  const success: SloSpec = {
    ...base,
    id: `${name}-success`,
    name: `${name} good requests, weekly`,
    objective: 99.9,
    period: { rolling: '7d' },
    sli: { ratio: { goodQuery: rate(requests(',code!~"5.."')), totalQuery: rate(requests()) } },
  };
  return [
    availability,
    latency,
    success,
    fourth(service, index, requests, rate),
    fifth(service, index, requests, rate),
  ];
}

/** A monthly view, in one of four shapes: calendar month, low-traffic guard, custom windows, raw ratio. */
function fourth(
  service: FleetService,
  index: number,
  requests: (matchers?: string) => string,
  rate: (selector: string) => string
): SloSpec {
  const { name } = service;
  const base = {
    service: name,
    labels: { team: service.team, tier: String(service.tier), fleet: 'bench' },
    budgetingMethod: 'occurrences' as const,
    objective: 99.9,
  };
  const events = { events: { errorQuery: rate(requests(',code=~"5.."')), totalQuery: rate(requests()) } };
  switch (index % 4) {
    case 0:
      return {
        ...base,
        id: `${name}-availability-month`,
        name: `${name} availability per calendar month`,
        period: { calendar: 'month', timezone: 'Europe/Berlin' },
        sli: events,
      };
    case 1:
      return {
        ...base,
        id: `${name}-availability-guarded`,
        name: `${name} availability, at least 1,000 requests per alert`,
        period: { rolling: '30d' },
        alerting: { minEvents: 1000 },
        sli: events,
      };
    case 2:
      return {
        ...base,
        id: `${name}-availability-fast-pages`,
        name: `${name} availability, pages only`,
        period: { rolling: '30d' },
        alerting: {
          windows: [
            { severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 10 },
            { severity: 'page', longSeconds: 4 * 3600, shortSeconds: 1200, budgetPercent: 5 },
          ],
        },
        sli: events,
      };
    default:
      return {
        ...base,
        id: `${name}-error-ratio`,
        name: `${name} error ratio`,
        period: { rolling: '30d' },
        sli: {
          raw: { errorRatioQuery: `${rate(requests(',code=~"5.."'))} / ${rate(requests())}` },
        },
      };
  }
}

/** Client experience: 5xx and 404 are bad; every fifth service counts 5-minute time slices instead. */
function fifth(
  service: FleetService,
  index: number,
  requests: (matchers?: string) => string,
  rate: (selector: string) => string
): SloSpec {
  const { name } = service;
  const sliced = index % 5 === 0;
  return {
    service: name,
    labels: { team: service.team, tier: String(service.tier), fleet: 'bench' },
    id: `${name}-client-experience`,
    name: `${name} client experience${sliced ? ' (5-minute slices)' : ''}`,
    objective: sliced ? 99 : 95,
    period: { rolling: '30d' },
    breakdownLabels: ['code'],
    budgetingMethod: sliced ? 'timeslices' : 'occurrences',
    ...(sliced ? { timesliceTarget: 95, timesliceWindow: '5m' } : {}),
    sli: { events: { errorQuery: rate(requests(',code=~"5..|404"')), totalQuery: rate(requests()) } },
  };
}
