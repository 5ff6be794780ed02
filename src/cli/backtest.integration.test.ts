/** @jest-environment node */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import type { BacktestReport } from './backtestReport';
import { ROOT, runCli } from './testing/runCli';

const DAY = 86400;
const SLOS = join(ROOT, 'demo', 'slos.yaml');

describeWithPrometheus('slo backtest on the demo data', () => {
  const prometheus = withDemoPrometheus();
  const to = () => String(prometheus.timeline.end);

  it('pages the API server read SLO once, during the Calico outage, over the last 30 days; table and JSON agree', async () => {
    const args = ['backtest', '--prometheus', prometheus.url, '--slos', SLOS, '--slo', 'apiserver-read-availability'];
    const json = await runCli([...args, '--to', to(), '--format', 'json']);
    process.stderr.write(`slo backtest, one SLO, JSON: ${json.seconds.toFixed(1)} s\n`);
    expect(json.stderr).toBe('');
    expect(json.exitCode).toBe(0);
    const { slos } = JSON.parse(json.stdout) as { slos: BacktestReport[] };
    expect(slos).toHaveLength(1);
    const [report] = slos;
    expect(report).toMatchObject({
      id: 'apiserver-read-availability',
      status: 'ok',
      toUnix: prometheus.timeline.end,
      fromUnix: prometheus.timeline.end - 30 * DAY,
      stepSeconds: 300,
      evaluations: 30 * 288 + 1,
      problems: [],
    });
    const { calicoOutage } = prometheus.timeline.incidents;
    const fastPage = report.pairs[0];
    expect(`${fastPage.severity} ${fastPage.long}/${fastPage.short}`).toBe('page 1h/5m');
    expect(fastPage.episodes).toBe(1);
    const [episode] = fastPage.list;
    expect(episode.startUnix).toBeGreaterThan(calicoOutage.start);
    expect(episode.startUnix).toBeLessThan(calicoOutage.start + 3600);
    expect(episode.endUnix).toBeGreaterThan(calicoOutage.end);
    expect(episode.seconds).toBe(episode.endUnix - episode.startUnix);
    expect(episode.start).toBe(new Date(episode.startUnix * 1000).toISOString().replace('.000Z', 'Z'));
    expect(episode.peakLongBurnRate).toBeGreaterThan(14.4);
    expect(episode.budgetConsumed).toBeGreaterThan(0);
    expect(fastPage.firingSeconds).toBe(episode.seconds);
    expect(fastPage.longestSeconds).toBe(episode.seconds);
    // The page severity: both page pairs' episodes overlap, and count once.
    expect(report.severities.page.episodes).toBe(1);
    expect(report.severities.page.list[0].pairs).toEqual(['page 1h/5m', 'page 6h/30m']);
    expect(report.severities.page.firingSeconds).toBeGreaterThanOrEqual(fastPage.firingSeconds);

    const table = await runCli([...args, '--to', to()]);
    expect(table.exitCode).toBe(0);
    const minute = (iso: string) => iso.replace(/:00Z$/, 'Z');
    expect(table.stdout).toContain('8641 evaluations every 5m');
    expect(table.stdout).toMatch(/page {4}1h\/5m {5}14\.4× +14\.4% +1 +\d+h\d*m?/);
    expect(table.stdout).toContain(`page 1h/5m    ${minute(episode.start)}  ${minute(episode.end)}`);
  }, 120_000);

  it('takes --from and --to, reports a pair that can never fire as a problem, and an SLO it cannot read with exit 2', async () => {
    const { slos } = parse(readFileSync(SLOS, 'utf8')) as { slos: Array<Record<string, unknown>> };
    const checkout = slos.find((spec) => spec.id === 'checkout-availability')!;
    const file = join(mkdtempSync(join(tmpdir(), 'slo-backtest-')), 'slos.yaml');
    writeFileSync(
      file,
      stringify({
        slos: [
          { ...checkout, id: 'checkout-at-90', objective: 90 },
          {
            ...checkout,
            id: 'broken-promql',
            sli: { events: { errorQuery: 'sum(ratee(x[{{.window}}]))', totalQuery: 'sum(rate(x[{{.window}}]))' } },
          },
        ],
      })
    );
    const end = prometheus.timeline.end;
    const output = await runCli([
      'backtest',
      '--prometheus',
      prometheus.url,
      '--slos',
      file,
      '--from',
      new Date((end - 2 * DAY) * 1000).toISOString(),
      '--to',
      String(end),
      '--format',
      'json',
    ]);
    expect(output.exitCode).toBe(2);
    expect(output.stderr).toMatch(/^slo backtest: broken-promql: bad_data: .*unknown function with name "ratee"\n$/);
    const reports = (JSON.parse(output.stdout) as { slos: BacktestReport[] }).slos;
    const [atNinety, broken] = reports;
    expect(atNinety).toMatchObject({ status: 'ok', fromUnix: end - 2 * DAY, toUnix: end, evaluations: 2 * 288 + 1 });
    // At 90 % the budget is 10 %: 14.4× asks for 144 % errors and 6× for 60 %; the page pairs cannot fire.
    expect(atNinety.problems.map((problem) => problem.pair)).toEqual(['page 1h/5m']);
    expect(atNinety.problems[0].message).toMatch(/threshold 144% can never be reached at objective 90/);
    expect(atNinety.pairs.map((pair) => `${pair.severity} ${pair.long}/${pair.short}`)).not.toContain('page 1h/5m');
    expect(broken).toMatchObject({ status: 'error', pairs: [], evaluations: null });
  }, 120_000);
});
