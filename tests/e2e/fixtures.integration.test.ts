/**
 * The detail e2e spec opens the page around the demo's Calico outage wherever `docker compose up` put
 * it: `demoDataEnd` finds the time of the demo data's last sample by asking Prometheus through Grafana's
 * data source proxy. Here it asks the real Prometheus over the fixed demo data set (whose last sample is
 * at DEMO_END_DEFAULT), for a stack started a day before that end (DEMO_END=now+1d, as
 * docker-compose.yaml does) and for one started weeks earlier.
 * @jest-environment node
 */
import type { APIRequestContext } from '@playwright/test';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import { DAY_SECONDS, DEMO_END_DEFAULT, HOUR_SECONDS, demoTimeline } from '../../scripts/demo/timeline';
import { DEMO_DATASOURCE_UID, demoDataEnd, duringCalicoOutage } from './fixtures';

const PROXY_PREFIX = `/api/datasources/proxy/uid/${DEMO_DATASOURCE_UID}`;

/** Playwright's request context, reduced to the GETs `demoDataEnd` makes, with Grafana's proxy in front of `url`. */
function grafanaProxyTo(url: string): APIRequestContext {
  const get = async (path: string, options: { params?: Record<string, string> } = {}) => {
    if (!path.startsWith(`${PROXY_PREFIX}/`)) {
      throw new Error(`not a request to the demo data source's proxy: ${path}`);
    }
    const target = new URL(`${url}${path.slice(PROXY_PREFIX.length)}`);
    for (const [name, value] of Object.entries(options.params ?? {})) {
      target.searchParams.set(name, value);
    }
    const response = await fetch(target);
    const body: unknown = await response.json();
    return { ok: () => response.ok, json: async () => body };
  };
  return { get } as unknown as APIRequestContext;
}

describeWithPrometheus('the demo data’s end, as the e2e specs find it', () => {
  const prometheus = withDemoPrometheus();

  afterEach(() => {
    jest.restoreAllMocks();
    delete process.env.DEMO_END;
  });

  it.each([
    ['a day before the data ends (docker compose up just now)', DEMO_END_DEFAULT - DAY_SECONDS],
    ['weeks after the data ends (a stack left running)', DEMO_END_DEFAULT + 40 * DAY_SECONDS + 17 * 60],
  ])('is the last sample’s time, asked %s', async (_when, now) => {
    jest.spyOn(Date, 'now').mockReturnValue(now * 1000);
    const end = await demoDataEnd(grafanaProxyTo(prometheus.url));
    expect(end).toBe(DEMO_END_DEFAULT);
    expect(end).toBe(prometheus.timeline.end);
  });

  it('takes DEMO_END when the run says it', async () => {
    process.env.DEMO_END = String(DEMO_END_DEFAULT - 7 * DAY_SECONDS);
    expect(await demoDataEnd(grafanaProxyTo('http://127.0.0.1:9'))).toBe(DEMO_END_DEFAULT - 7 * DAY_SECONDS);
  });

  it('says so when the data source has no demo data', async () => {
    jest.spyOn(Date, 'now').mockReturnValue((DEMO_END_DEFAULT + 200 * DAY_SECONDS) * 1000);
    await expect(demoDataEnd(grafanaProxyTo(prometheus.url))).rejects.toThrow(/has no cluster_ready_state/);
  });

  it('puts the detail page in the first hour of the Calico outage', () => {
    const outage = demoTimeline(DEMO_END_DEFAULT).incidents.calicoOutage;
    expect(duringCalicoOutage(DEMO_END_DEFAULT)).toEqual({
      from: outage.start - 5 * HOUR_SECONDS,
      to: outage.start + HOUR_SECONDS,
    });
  });
});
