/**
 * A fleet of SLOs over the demo data for the benchmark: the demo SLOs' shapes, narrowed by the labels
 * the demo series carry (checkout per route and method, latency per route and threshold, API server per
 * verb and resource, Karmada per member cluster and kind, readiness per member cluster), each under a
 * few objective/period profiles. Deterministic: the same list every run.
 */
import { type SloSpec, validateSloSpecs } from '../../src/domain';
import { leMatcher } from '../../src/prometheus/sliQueries';

/** Checkout's routes; each is served by one method. */
const ROUTES = ['/cart', '/checkout', '/payment'];
const THRESHOLDS = ['0.05', '0.1', '0.25', '0.3', '0.5', '1', '2.5'];
/** The API server endpoints of the demo data (scripts/demo/scenarios/apiserver.ts), with their scope. */
const ENDPOINTS: ReadonlyArray<{ verb: string; group: string; resource: string; scope: string }> = [
  { verb: 'LIST', group: '', resource: 'pods', scope: 'namespace' },
  { verb: 'LIST', group: '', resource: 'nodes', scope: 'cluster' },
  { verb: 'GET', group: '', resource: 'configmaps', scope: 'resource' },
  { verb: 'GET', group: 'apps', resource: 'deployments', scope: 'resource' },
  { verb: 'GET', group: 'coordination.k8s.io', resource: 'leases', scope: 'resource' },
  { verb: 'LIST', group: 'projectcalico.org', resource: 'networkpolicies', scope: 'cluster' },
  { verb: 'PUT', group: 'coordination.k8s.io', resource: 'leases', scope: 'resource' },
  { verb: 'PATCH', group: '', resource: 'pods', scope: 'resource' },
  { verb: 'POST', group: '', resource: 'pods', scope: 'namespace' },
  { verb: 'DELETE', group: '', resource: 'pods', scope: 'resource' },
  { verb: 'PUT', group: 'projectcalico.org', resource: 'ipamblocks', scope: 'resource' },
];
const API_GROUPS = ['', 'apps', 'coordination.k8s.io', 'projectcalico.org'];
/** kubernetes-mixin's latency bound per scope: 1 s for one resource, 5 s per namespace, 30 s cluster-wide. */
const SCOPE_THRESHOLD: Record<string, string> = { resource: '1', namespace: '5', cluster: '30' };
const MEMBERS = ['member1', 'member2', 'member3'];
const KINDS = ['ConfigMap', 'Deployment', 'Service'];
const KARMADA_COUNTERS: Array<[metric: string, operation: string]> = [
  ['create_resource_to_cluster', 'create'],
  ['update_resource_to_cluster', 'update'],
  ['delete_resource_from_cluster', 'delete'],
];

/** How each base SLO is repeated: objective shift (in budget terms) and period. */
interface Profile {
  suffix: string;
  period: string;
  /** Objective for a base objective, e.g. 99.9 → 99.95. */
  objective: (base: number) => number;
}

const PROFILES: Profile[] = [
  { suffix: '30d', period: '30d', objective: (base) => base },
  { suffix: '28d-strict', period: '28d', objective: (base) => Number((100 - (100 - base) / 2).toFixed(4)) },
  { suffix: '7d-loose', period: '7d', objective: (base) => Number((100 - (100 - base) * 2).toFixed(4)) },
];

type BaseSlo = Omit<SloSpec, 'period' | 'budgetingMethod' | 'objective'> & { objective: number };

/** The base SLOs (121), one per SLI and label combination that has data, before profiles multiply them. */
export function baseFleet(): BaseSlo[] {
  const bases: BaseSlo[] = [];
  const selector = (...matchers: Array<string | null>) => matchers.filter((matcher) => matcher !== null).join(',');

  for (const route of [null, ...ROUTES]) {
    const scope = selector('service="checkout"', route && `route="${route}"`);
    const where = route ?? 'all routes';
    const shop = { service: 'checkout', labels: { team: 'shop', fleet: 'checkout' } };
    bases.push({
      ...shop,
      id: `checkout-availability-${slug(route ?? 'all')}`,
      name: `Checkout availability (${where})`,
      objective: 99.9,
      breakdownLabels: ['route', 'code'],
      sli: {
        events: {
          errorQuery: `sum(rate(http_requests_total{${scope},code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    bases.push({
      ...shop,
      id: `checkout-success-${slug(route ?? 'all')}`,
      name: `Checkout success, client errors included (${where})`,
      objective: 99,
      breakdownLabels: ['code'],
      sli: {
        events: {
          errorQuery: `sum(rate(http_requests_total{${scope},code=~"4..|5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    bases.push({
      ...shop,
      id: `checkout-good-ratio-${slug(route ?? 'all')}`,
      name: `Checkout good requests (${where})`,
      objective: 99.9,
      breakdownLabels: ['route'],
      sli: {
        ratio: {
          goodQuery: `sum(rate(http_requests_total{${scope},code!~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(http_requests_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    bases.push({
      ...shop,
      id: `checkout-raw-ratio-${slug(route ?? 'all')}`,
      name: `Checkout error ratio (${where})`,
      objective: 99.9,
      sli: {
        raw: {
          errorRatioQuery: `sum(rate(http_requests_total{${scope},code=~"5.."}[{{.window}}])) / sum(rate(http_requests_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    for (const threshold of THRESHOLDS) {
      bases.push({
        ...shop,
        id: `checkout-latency-${slug(route ?? 'all')}-${slug(threshold)}s`,
        name: `Checkout latency under ${threshold} s (${where})`,
        objective: 99,
        breakdownLabels: ['route'],
        sli: { latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold, selector: `{${scope}}` } },
      });
    }
  }

  const platform = { service: 'kube-apiserver', labels: { team: 'platform', fleet: 'apiserver' } };
  for (const { verb, resource, scope: endpointScope } of ENDPOINTS) {
    const scope = selector(`verb="${verb}"`, `resource="${resource}"`);
    const name = `${slug(verb)}-${resource}`;
    const threshold = SCOPE_THRESHOLD[endpointScope];
    bases.push({
      ...platform,
      id: `apiserver-${name}-availability`,
      name: `API server ${verb} ${resource}: no server errors`,
      objective: 99,
      breakdownLabels: ['code'],
      sli: {
        events: {
          errorQuery: `sum(rate(apiserver_request_total{${scope},code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(apiserver_request_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    // kubernetes-mixin's definition narrowed to one endpoint: slow or failed requests are bad.
    bases.push({
      ...platform,
      id: `apiserver-${name}-fast-and-successful`,
      name: `API server ${verb} ${resource}: fast and successful`,
      objective: 99,
      breakdownLabels: ['code'],
      sli: {
        events: {
          errorQuery: [
            `(sum(rate(apiserver_request_sli_duration_seconds_count{${scope}}[{{.window}}]))`,
            `- sum(rate(apiserver_request_sli_duration_seconds_bucket{${scope},${leMatcher(threshold)}}[{{.window}}])))`,
            `+ sum(rate(apiserver_request_total{${scope},code=~"5.."}[{{.window}}]))`,
          ].join(' '),
          totalQuery: `sum(rate(apiserver_request_total{${scope}}[{{.window}}]))`,
        },
      },
    });
    for (const bound of [threshold, '0.25']) {
      bases.push({
        ...platform,
        id: `apiserver-${name}-latency-${slug(bound)}s`,
        name: `API server ${verb} ${resource} within ${bound} s`,
        objective: bound === threshold ? 99 : 95,
        sli: {
          latency: {
            bucketMetric: 'apiserver_request_sli_duration_seconds_bucket',
            threshold: bound,
            selector: `{${scope}}`,
          },
        },
      });
    }
  }
  for (const group of API_GROUPS) {
    bases.push({
      ...platform,
      id: `apiserver-group-${slug(group || 'core')}-availability`,
      name: `API server availability of the ${group || 'core'} API group`,
      objective: 99,
      breakdownLabels: ['verb', 'resource'],
      sli: {
        events: {
          errorQuery: `sum(rate(apiserver_request_total{group="${group}",code=~"5.."}[{{.window}}]))`,
          totalQuery: `sum(rate(apiserver_request_total{group="${group}"}[{{.window}}]))`,
        },
      },
    });
  }

  const multicluster = { service: 'karmada-controller-manager', labels: { team: 'multicluster', fleet: 'karmada' } };
  const workSync = (id: string, name: string, scope: string, counters: typeof KARMADA_COUNTERS) => {
    const terms = (extra: string | null) =>
      counters
        .map(
          ([metric, operation]) =>
            `label_replace(rate(${metric}{${selector(scope || null, extra)}}[{{.window}}]), "operation", "${operation}", "", "")`
        )
        .join(' or ');
    bases.push({
      ...multicluster,
      id,
      name,
      objective: 99.5,
      breakdownLabels: ['member_cluster', 'kind'],
      sli: { events: { errorQuery: `sum(${terms('result="error"')})`, totalQuery: `sum(${terms(null)})` } },
    });
  };
  for (const member of [null, ...MEMBERS]) {
    for (const kind of [null, ...KINDS]) {
      const scope = selector(member && `member_cluster="${member}"`, kind && `kind="${kind}"`);
      workSync(
        `karmada-work-sync-${slug(member ?? 'all')}-${slug(kind ?? 'all')}`,
        `Karmada work sync (${member ?? 'all members'}, ${kind ?? 'all kinds'})`,
        scope,
        KARMADA_COUNTERS
      );
    }
    if (member !== null) {
      for (const counter of KARMADA_COUNTERS) {
        workSync(
          `karmada-${counter[1]}-${member}`,
          `Karmada ${counter[1]} operations on ${member}`,
          `member_cluster="${member}"`,
          [counter]
        );
      }
    }
  }
  for (const member of [null, ...MEMBERS]) {
    bases.push({
      ...multicluster,
      id: `karmada-cluster-ready-${slug(member ?? 'all')}`,
      name: `Karmada member ${member ?? 'clusters'} ready`,
      objective: 99,
      breakdownLabels: ['member_cluster'],
      sli: { boolGauge: { query: member ? `cluster_ready_state{member_cluster="${member}"}` : 'cluster_ready_state' } },
    });
  }
  return bases;
}

/**
 * `count` SLOs (default: every base SLO under the first two profiles, 242): the base SLOs under the
 * first profile, then the second, … — distinct ids, validated by the app's own validator.
 */
export function generateFleet(count?: number): SloSpec[] {
  const bases = baseFleet();
  count ??= bases.length * 2;
  if (count > bases.length * PROFILES.length) {
    throw new Error(`the fleet has at most ${bases.length * PROFILES.length} SLOs, asked for ${count}`);
  }
  const specs: SloSpec[] = [];
  for (let index = 0; index < count; index++) {
    const base = bases[index % bases.length];
    const profile = PROFILES[Math.floor(index / bases.length)];
    specs.push({
      ...base,
      id: `fleet-${base.id}-${profile.suffix}`,
      name: `${base.name}, ${profile.period}`,
      objective: profile.objective(base.objective),
      period: { rolling: profile.period },
      budgetingMethod: 'occurrences',
    });
  }
  const { valid, problems } = validateSloSpecs(specs);
  const errors = problems.filter((problem) => problem.severity === 'error');
  if (errors.length > 0 || valid.length !== specs.length) {
    throw new Error(`the generated fleet is invalid: ${errors.map((problem) => problem.message).join('; ')}`);
  }
  return valid;
}

function slug(text: string): string {
  return text
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
