/** @jest-environment node */
import { parseSloSpecsYaml } from '../domain';
import { type LocalPrometheus, localPrometheus } from '../prometheus/testing/localPrometheus';
import { readSlos } from './readSlos';

const specs = parseSloSpecsYaml(
  `slos:
${['fast', 'slow']
  .map(
    (service) => `  - id: ${service}-availability
    name: ${service} availability
    service: ${service}
    objective: 99.9
    sli:
      events:
        errorQuery: sum(rate(http_requests_total{service="${service}",code=~"5.."}[{{.window}}]))
        totalQuery: sum(rate(http_requests_total{service="${service}"}[{{.window}}]))
`
  )
  .join('')}`
).valid;

describe('readSlos', () => {
  let prometheus: LocalPrometheus;
  afterEach(() => prometheus.stop());

  it('summarizes each SLO as soon as it is read, not once the slowest is, so its buckets need not wait in memory', async () => {
    prometheus = await localPrometheus(({ parameters }) => ({
      delayMillis: parameters.query.includes('service="slow"') ? 2_000 : 0,
    }));
    const slowAnswered = () =>
      prometheus.arrivals.filter((arrival) => arrival.parameters.query.includes('service="slow"') && arrival.answered)
        .length;
    const now = Math.floor(Date.now() / 1000);
    const slowAnsweredWhenSummarized: Record<string, number> = {};
    const summaries = await readSlos(
      prometheus.url,
      specs,
      () => ({ from: now - 3600, to: now, view: 'overview' }),
      { timeoutSeconds: 10 },
      (reading) => {
        slowAnsweredWhenSummarized[reading.spec.id] = slowAnswered();
        return `${reading.spec.id}: ${reading.kind}`;
      }
    );

    // In file order, whichever was read first.
    expect(summaries).toEqual(['fast-availability: evaluated', 'slow-availability: evaluated']);
    expect(slowAnsweredWhenSummarized['fast-availability']).toBe(0);
    expect(slowAnsweredWhenSummarized['slow-availability']).toBeGreaterThan(0);
  });
});
