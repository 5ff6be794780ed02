/** @jest-environment node */
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse, stringify } from 'yaml';
import { describeWithPrometheus, withDemoPrometheus } from '../../scripts/prometheus/testing';
import { formatDuration } from '../domain';
import type { BacktestReport, EpisodeReport } from './backtestReport';
import type { SloReport } from './report';
import { ROOT, runCli } from './testing/runCli';

const DAY = 86400;
const SLOS = join(ROOT, 'demo', 'slos.yaml');
const SLO_COUNT = (parse(readFileSync(SLOS, 'utf8')) as { slos: unknown[] }).slos.length;
const minute = (iso: string) => iso.replace(/:00Z$/, 'Z');

/**
 * What one SLO's table block says, cell by cell: per pair and severity the episodes, firing time and
 * longest episode, and every episode's alert, start and end.
 */
function tableFigures(block: string) {
  const lines = block.split('\n');
  const cells = (line: string) => line.trim().split(/ {2,}/);
  const summaryAt = lines.findIndex((line) => line.startsWith('  alert '));
  const episodesAt = lines.indexOf('  episodes:');
  const summaryRows = lines
    .slice(summaryAt + 1, episodesAt < 0 ? undefined : episodesAt)
    .filter((line) => /^ {2}(page|ticket) /.test(line));
  return {
    summary: summaryRows.map((line) => {
      const row = cells(line);
      const anyPair = row[1] === 'any pair';
      // Severity rows leave factor, threshold and held back empty.
      return anyPair ? [row[0], row[1], ...row.slice(2, 5)] : [row[0], row[1], ...row.slice(4, 7)];
    }),
    episodes:
      episodesAt < 0
        ? []
        : lines
            .slice(episodesAt + 2)
            .filter((line) => line.startsWith('    '))
            .map((line) => cells(line).slice(0, 3)),
  };
}

/** The same figures from the SLO's JSON report, in the table's words. */
function jsonFigures(report: BacktestReport) {
  const severities = (['page', 'ticket'] as const).map((severity) => ({
    label: severity,
    ...report.severities[severity],
  }));
  const summaries = [
    ...report.pairs.map((pair) => ({ ...pair, label: pair.severity, windows: `${pair.long}/${pair.short}` })),
    ...severities.map((one) => ({ ...one, windows: 'any pair' })),
  ];
  return {
    summary: summaries.map((one) => [
      one.label,
      one.windows,
      String(one.episodes),
      one.episodes > 0 ? formatDuration(one.firingSeconds) : '—',
      one.longestSeconds === null ? '—' : formatDuration(one.longestSeconds),
    ]),
    episodes: [
      ...report.pairs.flatMap((pair) => pair.list.map((one) => [`${pair.severity} ${pair.long}/${pair.short}`, one])),
      ...severities.flatMap((severity) => severity.list.map((one) => [`${severity.label} any pair`, one])),
    ].map(([label, one]) => {
      const episode = one as EpisodeReport;
      return [label as string, minute(episode.start), episode.open ? 'still firing' : minute(episode.end)];
    }),
  };
}

describeWithPrometheus('slo backtest, and the pair states of slo evaluate, on the demo data', () => {
  const prometheus = withDemoPrometheus();
  const to = () => String(prometheus.timeline.end);

  it('pages the API server read SLO once, during the Calico outage, over the last 30 days; table and JSON agree for every demo SLO', async () => {
    const args = ['backtest', '--prometheus', prometheus.url, '--slos', SLOS, '--to', to()];
    const json = await runCli([...args, '--format', 'json']);
    process.stderr.write(`slo backtest, the ${SLO_COUNT} demo SLOs, JSON: ${json.seconds.toFixed(1)} s\n`);
    expect(json.stderr).toBe('');
    expect(json.exitCode).toBe(0);
    const { slos } = JSON.parse(json.stdout) as { slos: BacktestReport[] };
    expect(slos.map((one) => one.status)).toEqual(Array(SLO_COUNT).fill('ok'));
    const report = slos.find((one) => one.id === 'apiserver-read-availability')!;
    expect(report).toMatchObject({
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

    const table = await runCli(args);
    process.stderr.write(`slo backtest, the ${SLO_COUNT} demo SLOs, table: ${table.seconds.toFixed(1)} s\n`);
    expect(table.stderr).toBe('');
    expect(table.exitCode).toBe(0);
    const blocks = table.stdout.trimEnd().split('\n\n');
    expect(blocks.map((block) => block.split('  ')[0])).toEqual(slos.map((one) => one.id));
    blocks.forEach((block, index) => expect(tableFigures(block)).toEqual(jsonFigures(slos[index])));
    // Figures the demo data holds: something pages or opens a ticket in most SLOs, so the comparison is not empty.
    expect(
      slos.filter((one) => one.severities.page.episodes + one.severities.ticket.episodes > 0).length
    ).toBeGreaterThan(4);
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
    // At 90 % the budget is 10 %: 14.4× asks for 144 % errors, which cannot be; 6× asks for 60 %, which can.
    expect(atNinety.problems.map((problem) => problem.pair)).toEqual(['page 1h/5m']);
    expect(atNinety.problems[0].message).toMatch(/threshold 144% can never be reached at objective 90/);
    expect(atNinety.pairs.map((pair) => `${pair.severity} ${pair.long}/${pair.short}`)).not.toContain('page 1h/5m');
    expect(broken).toMatchObject({ status: 'error', pairs: [], evaluations: null });
  }, 120_000);

  it('says where the data begins when the range reaches before it, and calls an SLO without data no-data', async () => {
    const { slos } = parse(readFileSync(SLOS, 'utf8')) as { slos: Array<Record<string, unknown>> };
    const checkout = slos.find((spec) => spec.id === 'checkout-availability')!;
    const file = join(mkdtempSync(join(tmpdir(), 'slo-coverage-')), 'slos.yaml');
    const absent = {
      errorQuery: 'sum(rate(absent_total{code="500"}[{{.window}}]))',
      totalQuery: 'sum(rate(absent_total[{{.window}}]))',
    };
    writeFileSync(
      file,
      stringify({ slos: [checkout, { ...checkout, id: 'no-such-metric', sli: { events: absent } }] })
    );
    const end = prometheus.timeline.end;
    const args = [
      'backtest',
      '--prometheus',
      prometheus.url,
      '--slos',
      file,
      '--from',
      String(end - 90 * DAY),
      '--to',
      String(end),
    ];
    const output = await runCli([...args, '--format', 'json']);
    expect(output.stderr).toBe('');
    expect(output.exitCode).toBe(0);
    const [covered, empty] = (JSON.parse(output.stdout) as { slos: BacktestReport[] }).slos;
    // The demo data holds 35 days: the first 55 days of the range could not fire.
    expect(covered.status).toBe('ok');
    expect(covered.notes[0]).toMatch(
      /^Prometheus holds this SLO's data from (\S+) only: no pair could fire in the 55d\d*h?\d*m? of the range before it$/
    );
    const dataFrom = Date.parse(/from (\S+) only/.exec(covered.notes[0])![1]) / 1000;
    expect(dataFrom).toBeGreaterThanOrEqual(prometheus.timeline.start);
    expect(dataFrom).toBeLessThanOrEqual(prometheus.timeline.start + 600);
    expect(empty).toMatchObject({
      status: 'no-data',
      notes: ['Prometheus holds no data for this SLO in the range: no pair could fire'],
    });
    const table = await runCli(args);
    expect(table.stdout).toContain('no-such-metric  (checkout, 99.9% rolling 30d)  NO-DATA\n');
  }, 120_000);

  it('shows the low-traffic guard: evaluate says which pair it holds back in the quiet hour, backtest for how long', async () => {
    const { slos } = parse(readFileSync(SLOS, 'utf8')) as { slos: Array<Record<string, unknown>> };
    const checkout = slos.find((spec) => spec.id === 'checkout-availability')!;
    const file = join(mkdtempSync(join(tmpdir(), 'slo-guard-')), 'slos.yaml');
    // Checkout serves 70,000 to 180,000 requests an hour: only a long window reaching into its quiet hour holds fewer.
    writeFileSync(
      file,
      stringify({ slos: [{ ...checkout, id: 'checkout-guarded', alerting: { minEvents: 50_000 } }] })
    );
    const { checkoutQuietHour } = prometheus.timeline.incidents;
    // Five minutes before the quiet hour ends: the last hour holds five minutes of traffic, the last half hour none.
    const at = checkoutQuietHour.end - 300;
    const args = ['--prometheus', prometheus.url, '--slos', file];

    const json = await runCli(['evaluate', ...args, '--at', String(at), '--format', 'json']);
    expect(json.exitCode).toBe(0);
    const [report] = (JSON.parse(json.stdout) as { slos: SloReport[] }).slos;
    expect(report.status).toBe('insufficient-traffic');
    expect(report.pairs.map((pair) => `${pair.long}/${pair.short} ${pair.state}`)).toEqual([
      '1h/5m insufficient-traffic',
      '6h/30m no-data',
      '1d/2h ok',
      '3d/6h ok',
    ]);
    expect(report.pairs.every((pair) => !pair.firing)).toBe(true);
    const table = await runCli(['evaluate', ...args, '--at', String(at)]);
    expect(table.exitCode).toBe(0);
    const states = table.stdout
      .split('\n')
      .filter((line) => /^ {2}(page|ticket) /.test(line))
      .map((line) => line.trim().split(/ {2,}/).at(-1));
    expect(states).toEqual(['insufficient traffic', 'no data', 'ok', 'ok']);

    const backtest = await runCli([
      'backtest',
      ...args,
      '--from',
      String(at - DAY),
      '--to',
      String(at + DAY),
      '--format',
      'json',
    ]);
    expect(backtest.exitCode).toBe(0);
    const [history] = (JSON.parse(backtest.stdout) as { slos: BacktestReport[] }).slos;
    // The 1-hour window holds fewer than 50,000 events from a little before the quiet hour until a little after it.
    const heldBack = history.pairs.map((pair) => pair.insufficientTrafficSeconds);
    expect(heldBack[0]).toBeGreaterThanOrEqual(30 * 60);
    expect(heldBack[0]).toBeLessThanOrEqual(2 * 3600);
    expect(heldBack.slice(2)).toEqual([0, 0]);
    expect(history.severities.page.episodes).toBe(0);
  }, 120_000);
});
