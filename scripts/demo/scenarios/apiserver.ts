import { splitCount, poisson } from '../distributions';
import { HistogramSeries, type HistogramShape } from '../histogram';
import { CounterSeries, sampleTime, type MetricFamily } from '../series';
import { coversMinuteEndingAt } from '../timeline';
import { dailyCycle } from '../traffic';
import type { Scenario, ScenarioContext } from './scenario';

type Verb = 'LIST' | 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
type Scope = 'resource' | 'namespace' | 'cluster';

const CALICO_GROUP = 'projectcalico.org';

const SLI_DURATION_SHAPE: HistogramShape = {
  bounds: [0.1, 0.25, 1, 5, 30, 60],
  typicalMillis: [25, 160, 480, 2200, 11000, 42000, 60500],
};
const TIMED_OUT_INTERVAL = SLI_DURATION_SHAPE.bounds.length;

/** Shares of requests per interval between the bounds of SLI_DURATION_SHAPE. */
const LATENCY = {
  // kubernetes-mixin counts a resource-scoped read slower than 1 s as bad: 0.07 % here.
  quickGet: [0.955, 0.035, 0.0093, 0.0006, 0.0001, 0, 0],
  // Namespace-scoped LISTs may take 5 s: 0.04 % are slower.
  namespacedList: [0.8, 0.15, 0.045, 0.0046, 0.0004, 0, 0],
  // Cluster-scoped LISTs may take 30 s: 0.03 % are slower.
  clusterList: [0.35, 0.3, 0.28, 0.064, 0.0057, 0.0003, 0],
  // Every write slower than 1 s is bad: 0.05 % here.
  write: [0.93, 0.05, 0.0195, 0.0004, 0.0001, 0, 0],
};

const SERVER_ERROR_PROBABILITY = 0.0004;
const TIMEOUT_PROBABILITY = 0.0001;

interface Endpoint {
  verb: Verb;
  group: string;
  resource: string;
  scope: Scope;
  requestsPerSecond: number;
  successCode: '200' | '201';
  clientErrors: ReadonlyArray<{ code: string; probability: number }>;
  latency: readonly number[];
}

const ENDPOINTS: readonly Endpoint[] = [
  read('LIST', '', 'pods', 'namespace', 30, LATENCY.namespacedList),
  read('LIST', '', 'nodes', 'cluster', 8, LATENCY.clusterList),
  read('GET', '', 'configmaps', 'resource', 50, LATENCY.quickGet, [{ code: '404', probability: 0.01 }]),
  read('GET', 'apps', 'deployments', 'resource', 30, LATENCY.quickGet, [{ code: '404', probability: 0.005 }]),
  read('GET', 'coordination.k8s.io', 'leases', 'resource', 60, LATENCY.quickGet, [{ code: '404', probability: 0.001 }]),
  // Calico's controllers list their resources often: about a fifth of all reads.
  read('LIST', CALICO_GROUP, 'networkpolicies', 'cluster', 44, LATENCY.clusterList),
  write('PUT', 'coordination.k8s.io', 'leases', 'resource', 30, '200', [{ code: '409', probability: 0.002 }]),
  write('PATCH', '', 'pods', 'resource', 15, '200', []),
  write('POST', '', 'pods', 'namespace', 5, '201', []),
  write('DELETE', '', 'pods', 'resource', 4, '200', [{ code: '404', probability: 0.005 }]),
  write('PUT', CALICO_GROUP, 'ipamblocks', 'resource', 4, '200', [{ code: '409', probability: 0.01 }]),
];

function read(
  verb: Verb,
  group: string,
  resource: string,
  scope: Scope,
  requestsPerSecond: number,
  latency: readonly number[],
  clientErrors: Endpoint['clientErrors'] = []
): Endpoint {
  return { verb, group, resource, scope, requestsPerSecond, successCode: '200', clientErrors, latency };
}

function write(
  verb: Verb,
  group: string,
  resource: string,
  scope: Scope,
  requestsPerSecond: number,
  successCode: Endpoint['successCode'],
  clientErrors: Endpoint['clientErrors']
): Endpoint {
  return { verb, group, resource, scope, requestsPerSecond, successCode, clientErrors, latency: LATENCY.write };
}

interface EndpointSeries {
  endpoint: Endpoint;
  /** In the order success, client errors, 500, 504. */
  requestsByCode: CounterSeries[];
  codeWeights: number[];
  durations: HistogramSeries;
}

export const apiserverScenario: Scenario = {
  name: 'apiserver',
  simulate(context: ScenarioContext): MetricFamily[] {
    const { grid, timeline } = context;
    const { random } = context;
    const outage = timeline.incidents.calicoOutage;
    const endpoints = ENDPOINTS.map((endpoint) => createEndpointSeries(context, endpoint));
    const codeCounts: number[] = [];
    const intervalCounts: number[] = new Array(SLI_DURATION_SHAPE.bounds.length + 1).fill(0);

    for (let index = 0; index < grid.count; index++) {
      const time = sampleTime(grid, index);
      const load = dailyCycle(time, 0.15, 14);
      for (const { endpoint, requestsByCode, codeWeights, durations } of endpoints) {
        const requests = poisson(random, endpoint.requestsPerSecond * 60 * load);
        if (endpoint.group === CALICO_GROUP && coversMinuteEndingAt(outage, time)) {
          recordTimeouts(index, requests, requestsByCode, durations, intervalCounts);
          continue;
        }
        splitCount(random, requests, codeWeights, codeCounts);
        requestsByCode.forEach((counter, code) => counter.record(index, codeCounts[code]));
        const timedOut = codeCounts[codeCounts.length - 1];
        splitCount(random, requests - timedOut, endpoint.latency, intervalCounts);
        // Requests the API server gives up on are answered with 504 once its 60 s timeout has passed.
        intervalCounts[TIMED_OUT_INTERVAL] += timedOut;
        durations.record(index, intervalCounts);
      }
    }

    return [
      {
        name: 'apiserver_request',
        type: 'counter',
        help: 'Counter of apiserver requests broken out for each verb, dry run value, group, version, resource, scope, component, and HTTP response code.',
        series: endpoints.flatMap((entry) => entry.requestsByCode.map((counter) => counter.series)),
      },
      {
        name: 'apiserver_request_sli_duration_seconds',
        type: 'histogram',
        help: 'Response latency distribution (not counting webhook duration and priority & fairness queue wait times) in seconds for each verb, group, version, resource, subresource, scope and component.',
        series: endpoints.flatMap((entry) => entry.durations.series),
      },
    ];
  },
};

function createEndpointSeries(context: ScenarioContext, endpoint: Endpoint): EndpointSeries {
  const { grid } = context;
  const codes = [endpoint.successCode, ...endpoint.clientErrors.map((error) => error.code), '500', '504'];
  const clientErrorProbability = endpoint.clientErrors.reduce((sum, error) => sum + error.probability, 0);
  const codeWeights = [
    1 - clientErrorProbability - SERVER_ERROR_PROBABILITY - TIMEOUT_PROBABILITY,
    ...endpoint.clientErrors.map((error) => error.probability),
    SERVER_ERROR_PROBABILITY,
    TIMEOUT_PROBABILITY,
  ];
  const requestsByCode = codes.map(
    (code) =>
      new CounterSeries(grid, 'apiserver_request_total', [
        ['code', code],
        ['group', endpoint.group],
        ['resource', endpoint.resource],
        ['scope', endpoint.scope],
        ['verb', endpoint.verb],
      ])
  );
  const durations = new HistogramSeries(
    grid,
    'apiserver_request_sli_duration_seconds',
    [
      ['group', endpoint.group],
      ['resource', endpoint.resource],
      ['scope', endpoint.scope],
      ['verb', endpoint.verb],
    ],
    SLI_DURATION_SHAPE
  );
  return { endpoint, requestsByCode, codeWeights, durations };
}

function recordTimeouts(
  index: number,
  requests: number,
  requestsByCode: CounterSeries[],
  durations: HistogramSeries,
  intervalCounts: number[]
): void {
  const timeoutCode = requestsByCode.length - 1;
  requestsByCode.forEach((counter, code) => counter.record(index, code === timeoutCode ? requests : 0));
  intervalCounts.fill(0);
  intervalCounts[TIMED_OUT_INTERVAL] = requests;
  durations.record(index, intervalCounts);
}
