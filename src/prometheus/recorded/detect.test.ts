import type { SloSpec } from '../../domain';
import { sloRuleGroups } from '../rules';
import type { QueryResult } from '../series';
import { discoverSlothSlos } from '../slothDiscovery';
import {
  INFO_REF_ID,
  RECORDS_REF_ID,
  type RecordedVerdict,
  detectRecordedRules,
  recordedDetectionQueries,
} from './detect';
import { SPEC_HASH_LABEL } from './specHash';
import { CHECKOUT_AVAILABILITY } from '../../domain/testing/checkoutAvailability';

const DEFAULT_WINDOWS = ['5m', '30m', '1h', '2h', '6h', '1d', '3d'];

const checkout: SloSpec = CHECKOUT_AVAILABILITY;

/** The labels of the `sloth_slo_info` that `slo rules` writes for a spec (what Prometheus then returns). */
function infoOf(spec: SloSpec): Record<string, string> {
  const rule = sloRuleGroups(spec)
    .flatMap((group) => group.rules)
    .find((candidate) => 'record' in candidate && candidate.record === 'sloth_slo_info')!;
  return rule.labels;
}

/** What Sloth v0.11 writes for `sloth_slo_info`: no SLO Burn hash. */
const slothInfo = {
  sloth_id: 'myservice-requests-availability',
  sloth_service: 'myservice',
  sloth_slo: 'requests-availability',
  sloth_mode: 'cli-gen-prom',
  sloth_objective: '99.9',
  sloth_spec: 'prometheus/v1',
  sloth_version: 'v0.11.0',
};

/** One record series per sloth_id and window, each `count` times. */
function records(entries: Array<[slothId: string, windows: string[], count?: number]>): QueryResult {
  return {
    refId: RECORDS_REF_ID,
    series: entries.flatMap(([slothId, windows, count = 1]) =>
      windows.map((window) => ({
        labels: { sloth_id: slothId, sloburn_window: window },
        times: [1000],
        values: [count],
      }))
    ),
  };
}

function info(...labelSets: Array<Record<string, string>>): QueryResult {
  return { refId: INFO_REF_ID, series: labelSets.map((labels) => ({ labels, times: [1000], values: [1] })) };
}

function verdict(spec: SloSpec, results: QueryResult[]): RecordedVerdict {
  const detection = detectRecordedRules([spec], results);
  expect(detection.verdicts).toHaveLength(1);
  return detection.verdicts[0];
}

const checkoutRecords = records([['checkout-availability', [...DEFAULT_WINDOWS, '30d']]]);

describe('recordedDetectionQueries', () => {
  it('asks for the info series and for how many series each record has per sloth_id', () => {
    expect(recordedDetectionQueries()).toEqual([
      { refId: INFO_REF_ID, expr: 'sloth_slo_info' },
      {
        refId: RECORDS_REF_ID,
        expr:
          'count by (sloth_id, sloburn_window) (label_replace({__name__=~"slo:sli_error:ratio_rate.+"}, ' +
          '"sloburn_window", "$1", "__name__", "slo:sli_error:ratio_rate(.+)"))',
      },
    ]);
  });
});

describe('detectRecordedRules', () => {
  it("matches an SLO to SLO Burn's rules written for its spec, with every window and the period to read", () => {
    const found = verdict(checkout, [info(infoOf(checkout)), checkoutRecords]);
    expect(found).toMatchObject({ kind: 'rules', slothId: 'checkout-availability', rules: 'sloburn' });
    expect(found.kind === 'rules' && found.windows).toEqual([
      { seconds: 300, window: '5m', role: 'alert' },
      { seconds: 1800, window: '30m', role: 'alert' },
      { seconds: 3600, window: '1h', role: 'alert' },
      { seconds: 7200, window: '2h', role: 'alert' },
      { seconds: 21600, window: '6h', role: 'alert' },
      { seconds: 86400, window: '1d', role: 'alert' },
      { seconds: 259200, window: '3d', role: 'alert' },
      { seconds: 2592000, window: '30d', role: 'period' },
    ]);
  });

  it('ignores labels that do not change the recordings (name, runbook, breakdown)', () => {
    const renamed = { ...checkout, name: 'Renamed', runbookUrl: 'https://example.com', breakdownLabels: ['code'] };
    expect(verdict(renamed, [info(infoOf(checkout)), checkoutRecords]).kind).toBe('rules');
  });

  it('reads raw when the rules were written for another objective, and says so', () => {
    const stricter = { ...checkout, objective: 99.95 };
    expect(verdict(stricter, [info(infoOf(checkout)), checkoutRecords])).toMatchObject({
      kind: 'raw',
      reason: 'mismatch',
      message: "the rules were written for objective 99.9, the SLO's is 99.95",
    });
  });

  it('reads raw when the SLI query changed since the rules were written', () => {
    const changed: SloSpec = {
      ...checkout,
      sli: { events: { errorQuery: 'sum(rate(http_requests_total{code=~"5..|429"}[{{.window}}]))', totalQuery: 'x' } },
    };
    const found = verdict(changed, [info(infoOf(checkout)), checkoutRecords]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'mismatch' });
    expect(found.kind === 'raw' && found.message).toMatch(
      /^the rules were written for another SLI, alert windows or period \(sloburn_spec "[0-9a-f]{12}", this spec's is "[0-9a-f]{12}"\): deploy the rules again$/
    );
  });

  it('reads raw when the alert windows or the period changed', () => {
    const windows: SloSpec = {
      ...checkout,
      alerting: { windows: [{ severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 10 }] },
    };
    expect(verdict(windows, [info(infoOf(checkout)), checkoutRecords])).toMatchObject({ reason: 'mismatch' });
    const period: SloSpec = { ...checkout, period: { rolling: '28d' } };
    expect(verdict(period, [info(infoOf(checkout)), checkoutRecords])).toMatchObject({ reason: 'mismatch' });
  });

  it.each<[string, Partial<SloSpec>, RegExp]>([
    ['a calendar period', { period: { calendar: 'month' } }, /calendar period/],
    ['the low-traffic guard', { alerting: { minEvents: 100 } }, /alerting\.minEvents/],
    ['time slices', { budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' }, /time slices/],
  ])('never reads an SLO with %s from rules, even with its own rules deployed', (_what, change, reason) => {
    const spec = { ...checkout, ...change };
    const found = verdict(spec, [info(infoOf(spec)), checkoutRecords]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'ineligible' });
    expect(found.kind === 'raw' && found.message).toMatch(reason);
  });

  it('reads a configured raw error-ratio SLI raw: its windows are means of 5-minute ratios, not what it records', () => {
    const rawRatio: SloSpec = {
      ...checkout,
      sli: { raw: { errorRatioQuery: 'sum(rate(errors[{{.window}}])) / sum(rate(requests[{{.window}}]))' } },
    };
    const found = verdict(rawRatio, [info(infoOf(rawRatio)), checkoutRecords]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'ineligible' });
    expect(found.kind === 'raw' && found.message).toMatch(/mean of its 5-minute ratios/);
  });

  it("reads an SLO discovered from Sloth's rules from those rules, under Sloth's id", () => {
    const [discovered] = discoverSlothSlos([slothInfo]);
    const found = verdict(discovered, [
      info(slothInfo),
      records([['myservice-requests-availability', [...DEFAULT_WINDOWS, '30d']]]),
    ]);
    expect(found).toMatchObject({ kind: 'rules', slothId: 'myservice-requests-availability', rules: 'sloth' });
  });

  it("never reads a configured SLO from Sloth's rules, even under the same id", () => {
    const configured = { ...checkout, id: 'myservice-requests-availability' };
    const found = verdict(configured, [
      info(slothInfo),
      records([['myservice-requests-availability', [...DEFAULT_WINDOWS, '30d']]]),
    ]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'mismatch' });
    expect(found.kind === 'raw' && found.message).toMatch(/not SLO Burn's \(no sloburn_spec label\)/);
  });

  it('reads raw a discovered SLO whose objective was edited since', () => {
    const [discovered] = discoverSlothSlos([slothInfo]);
    const found = verdict({ ...discovered, objective: 99 }, [
      info(slothInfo),
      records([['myservice-requests-availability', [...DEFAULT_WINDOWS, '30d']]]),
    ]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'mismatch' });
  });

  it('does not take a raw SLI that merely reads Sloth records for a discovered one', () => {
    const handWritten: SloSpec = {
      ...checkout,
      id: 'hand-written',
      sli: { raw: { errorRatioQuery: 'slo:sli_error:ratio_rate{{.window}}{sloth_service="myservice"}' } },
    };
    expect(verdict(handWritten, [info(slothInfo), checkoutRecords])).toMatchObject({
      kind: 'raw',
      reason: 'ineligible',
    });
  });

  it('reads raw when a record the SLO needs is missing, naming it', () => {
    const partial = records([['checkout-availability', ['5m', '30m', '1h', '2h', '1d', '3d']]]);
    expect(verdict(checkout, [info(infoOf(checkout)), partial])).toMatchObject({
      kind: 'raw',
      reason: 'missing-records',
      message: 'no slo:sli_error:ratio_rate6h, slo:sli_error:ratio_rate30d for sloth_id "checkout-availability"',
    });
  });

  it('reads raw when a record has several series for the SLO (a grouped SLI)', () => {
    const grouped = records([['checkout-availability', [...DEFAULT_WINDOWS, '30d'], 3]]);
    const found = verdict(checkout, [info(infoOf(checkout)), grouped]);
    expect(found).toMatchObject({ kind: 'raw', reason: 'ambiguous-records' });
    expect(found.kind === 'raw' && found.message).toMatch(/slo:sli_error:ratio_rate5m \(3 series\)/);
  });

  it('matches when one of several info series (replicas, an older deployment) carries the hash', () => {
    const older = { ...infoOf(checkout), [SPEC_HASH_LABEL]: '000000000000', sloth_objective: '99' };
    expect(verdict(checkout, [info(older, infoOf(checkout)), checkoutRecords]).kind).toBe('rules');
  });

  it('reads every SLO raw, with the cause, when a detection query failed', () => {
    const detection = detectRecordedRules(
      [checkout, { ...checkout, id: 'other' }],
      [info(infoOf(checkout)), { refId: RECORDS_REF_ID, series: [], error: 'bad_data: parse error' }]
    );
    expect(detection.error).toBe('bad_data: parse error');
    expect(detection.matched).toEqual([]);
    expect(detection.verdicts.map((one) => one.kind === 'raw' && [one.reason, one.message])).toEqual([
      ['unavailable', 'recording rules could not be detected: bad_data: parse error'],
      ['unavailable', 'recording rules could not be detected: bad_data: parse error'],
    ]);
  });

  it('keeps the order of the specs and lists the matched ones', () => {
    const other = { ...checkout, id: 'other' };
    const detection = detectRecordedRules([other, checkout], [info(infoOf(checkout)), checkoutRecords]);
    expect(detection.verdicts.map((one) => [one.spec.id, one.kind])).toEqual([
      ['other', 'raw'],
      ['checkout-availability', 'rules'],
    ]);
    expect(detection.matched.map((match) => match.spec.id)).toEqual(['checkout-availability']);
  });
});
