import type { SloSpec } from '../../domain';
import { sloRuleGroups } from '../rules';
import { SPEC_HASH_LABEL, canonicalJson, recordedSpecHash } from './specHash';
import { CHECKOUT_AVAILABILITY } from '../../domain/testing/checkoutAvailability';

const spec: SloSpec = CHECKOUT_AVAILABILITY;

describe('recordedSpecHash', () => {
  it('is 12 hex digits, the same for the same spec on every run', () => {
    // A fixed value: the hash is compared with labels written by earlier runs, so it must never drift.
    expect(recordedSpecHash(spec)).toBe(recordedSpecHash(JSON.parse(JSON.stringify(spec)) as SloSpec));
    expect(recordedSpecHash(spec)).toMatch(/^[0-9a-f]{12}$/);
    expect(recordedSpecHash(spec)).toBe('d70e025bf04e');
  });

  it('ignores what the recordings do not depend on', () => {
    const described: SloSpec = {
      ...spec,
      name: 'Another name',
      service: 'shop',
      description: 'text',
      labels: { team: 'shop' },
      runbookUrl: 'https://runbooks.example.com',
      breakdownLabels: ['route'],
      datasourceUid: 'other',
    };
    expect(recordedSpecHash(described)).toBe(recordedSpecHash(spec));
    // Default windows written out are the same windows.
    expect(recordedSpecHash({ ...spec, alerting: { windows: 'default' } })).toBe(recordedSpecHash(spec));
    // `30d` and `720h` are the same period.
    expect(recordedSpecHash({ ...spec, period: { rolling: '720h' } })).toBe(recordedSpecHash(spec));
  });

  it.each<[string, Partial<SloSpec>]>([
    ['the objective', { objective: 99.5 }],
    [
      'the error query',
      { sli: { events: { ...('events' in spec.sli ? spec.sli.events : {}), errorQuery: 'x' } } as never },
    ],
    ['the SLI kind', { sli: { raw: { errorRatioQuery: 'sum(rate(x[{{.window}}]))' } } }],
    ['the period', { period: { rolling: '28d' } }],
    ['a calendar period', { period: { calendar: 'month' } }],
    [
      'the alert windows',
      { alerting: { windows: [{ severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 14.4 }] } },
    ],
    [
      'a factor',
      {
        alerting: {
          windows: [
            { severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 10 },
            { severity: 'page', longSeconds: 21600, shortSeconds: 1800, budgetPercent: 5 },
            { severity: 'ticket', longSeconds: 86400, shortSeconds: 7200, budgetPercent: 10 },
            { severity: 'ticket', longSeconds: 259200, shortSeconds: 21600, budgetPercent: 10 },
          ],
        },
      },
    ],
  ])('changes with %s', (_what, change) => {
    expect(recordedSpecHash({ ...spec, ...change })).not.toBe(recordedSpecHash(spec));
  });

  it('keeps the default windows equal to the same four pairs written out', () => {
    const written: SloSpec = {
      ...spec,
      alerting: {
        windows: [
          { severity: 'ticket', longSeconds: 259200, shortSeconds: 21600, budgetPercent: 10 },
          { severity: 'page', longSeconds: 3600, shortSeconds: 300, budgetPercent: 2 },
          { severity: 'page', longSeconds: 21600, shortSeconds: 1800, budgetPercent: 5 },
          { severity: 'ticket', longSeconds: 86400, shortSeconds: 7200, budgetPercent: 10 },
        ],
      },
    };
    expect(recordedSpecHash(written)).toBe(recordedSpecHash(spec));
  });
});

describe('the exported rules', () => {
  it("carry the spec's hash on sloth_slo_info, beside Sloth's own labels", () => {
    const info = sloRuleGroups(spec)
      .flatMap((group) => group.rules)
      .find((rule) => 'record' in rule && rule.record === 'sloth_slo_info');
    expect(info?.labels).toMatchObject({
      sloth_id: 'checkout-availability',
      sloth_objective: '99.9',
      [SPEC_HASH_LABEL]: recordedSpecHash(spec),
    });
    expect(SPEC_HASH_LABEL).toBe('sloburn_spec');
  });
});

describe('canonicalJson', () => {
  it('sorts keys at every depth and leaves arrays in order', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, 1], c: 'x' }, e: undefined })).toBe('{"a":{"c":"x","d":[2,1]},"b":1}');
  });
});
