import { parseSloSpecsYaml } from '../specYaml';
import { formatProblem } from './problems';
import { validateSloSpecs } from './validate';

const events = {
  events: {
    errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
    totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
  },
};

function slo(overrides: Record<string, unknown> = {}) {
  return {
    id: 'checkout-availability',
    name: 'Checkout availability',
    service: 'checkout',
    objective: 99.9,
    sli: events,
    ...overrides,
  };
}

function errorsOf(input: unknown): string[] {
  return validateSloSpecs(input)
    .problems.filter((problem) => problem.severity === 'error')
    .map(formatProblem);
}

describe('validateSloSpecs', () => {
  it('accepts a minimal SLO and applies defaults', () => {
    const result = validateSloSpecs([slo()]);
    expect(result.problems).toEqual([]);
    expect(result.valid).toEqual([
      {
        id: 'checkout-availability',
        name: 'Checkout availability',
        service: 'checkout',
        objective: 99.9,
        period: { rolling: '30d' },
        budgetingMethod: 'occurrences',
        sli: events,
      },
    ]);
  });

  it('accepts { slos: [...] } as well as a list', () => {
    expect(validateSloSpecs({ slos: [slo()] }).valid).toHaveLength(1);
    expect(validateSloSpecs({ slos: [] })).toEqual({ valid: [], problems: [] });
  });

  it('reports the field path and reason, and keeps the valid SLOs', () => {
    const result = validateSloSpecs({
      slos: [
        slo({ id: 'a' }),
        slo({ id: 'b' }),
        slo({ id: 'c' }),
        slo({ id: 'd', sli: { events: { errorQuery: events.events.errorQuery, totalQuery: 'sum(rate(x[5m]))' } } }),
        slo({ id: 'e' }),
      ],
    });
    expect(result.valid.map((spec) => spec.id)).toEqual(['a', 'b', 'c', 'e']);
    expect(result.problems.map(formatProblem)).toEqual(['slos[3].sli.events.totalQuery: missing {{.window}}']);
  });

  it('returns every problem of an SLO, not just the first', () => {
    expect(errorsOf([{ id: 'Bad Id', objective: 100, runbookUrl: 'javascript:alert(1)', sli: {} }])).toEqual([
      'slos[0].id: "Bad Id" must use only lowercase letters, digits and "-"',
      'slos[0].name: is required',
      'slos[0].service: is required',
      'slos[0].runbookUrl: must be an http:// or https:// URL',
      'slos[0].objective: 100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99',
      'slos[0].sli: must have exactly one of events, ratio, raw, latency, boolGauge',
    ]);
  });

  it.each([
    [0, 'must be a percentage strictly between 0 and 100, got 0'],
    [101, 'must be a percentage strictly between 0 and 100, got 101'],
    [0.999, '0.999% looks like a ratio: objectives are percentages (did you mean 99.9?)'],
    ['99.9', 'must be a number (percent), got string "99.9"'],
    [undefined, 'is required: a percentage such as 99.9'],
  ])('rejects objective %p', (objective, message) => {
    const problems = validateSloSpecs([slo({ objective })]).problems.map(formatProblem);
    expect(problems).toContain(`slos[0].objective: ${message}`);
  });

  it('keeps an objective under 1% with only a warning: it is a valid, if unlikely, percentage', () => {
    const result = validateSloSpecs([slo({ objective: 0.999 })]);
    expect(result.valid).toHaveLength(1);
    expect(result.problems[0].severity).toBe('warning');
  });

  it('rejects duplicate ids but keeps the first', () => {
    const result = validateSloSpecs([slo(), slo()]);
    expect(result.valid).toHaveLength(1);
    expect(result.problems.map(formatProblem)).toEqual([
      'slos[1].id: duplicate id "checkout-availability": ids must be unique',
    ]);
  });

  it('never throws, whatever it is given', () => {
    for (const input of [
      null,
      undefined,
      42,
      'text',
      [null],
      [42],
      [[]],
      { slos: 'x' },
      [{ sli: null }],
      [{ sli: { events: 7 } }],
    ]) {
      expect(() => validateSloSpecs(input)).not.toThrow();
      expect(validateSloSpecs(input).valid).toEqual([]);
    }
    expect(errorsOf(42)).toEqual(['slos: expected a list of SLOs or an object { slos: [...] }, got number 42']);
  });

  describe('periods', () => {
    it('accepts rolling and calendar periods', () => {
      expect(validateSloSpecs([slo({ period: { rolling: '28d' } })]).valid[0].period).toEqual({ rolling: '28d' });
      expect(validateSloSpecs([slo({ period: '7d' })]).valid[0].period).toEqual({ rolling: '7d' });
      expect(
        validateSloSpecs([slo({ period: { calendar: 'month', timezone: 'Europe/Berlin' } })]).valid[0].period
      ).toEqual({
        calendar: 'month',
        timezone: 'Europe/Berlin',
      });
    });

    it.each([
      [{ rolling: 'forever' }, 'slos[0].period.rolling: "forever" is not a duration such as 30d or 28d'],
      [{ rolling: '5m' }, 'slos[0].period.rolling: "5m" is shorter than 1h; SLO periods are days or weeks'],
      [{ calendar: 'year' }, 'slos[0].period.calendar: must be one of week, month, quarter, got string "year"'],
      [
        { calendar: 'month', timezone: 'Mars/Olympus' },
        'slos[0].period.timezone: "Mars/Olympus" is not an IANA time zone such as UTC or Europe/Berlin',
      ],
      [{ rolling: '30d', calendar: 'month' }, 'slos[0].period: must have exactly one of rolling or calendar'],
    ])('rejects %j', (period, message) => {
      expect(errorsOf([slo({ period })])).toEqual([message]);
    });
  });

  describe('SLI kinds', () => {
    it('accepts every kind', () => {
      const slis = [
        events,
        { ratio: { goodQuery: 'sum(rate(ok[{{.window}}]))', totalQuery: 'sum(rate(all[{{.window}}]))' } },
        { raw: { errorRatioQuery: 'sum(rate(bad[{{.window}}])) / sum(rate(all[{{.window}}]))' } },
        {
          latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold: '0.3', selector: '{job="api"}' },
        },
        { boolGauge: { query: 'cluster_ready_state{member_cluster="m1"}' } },
      ];
      const result = validateSloSpecs(slis.map((sli, i) => slo({ id: `slo-${i}`, sli })));
      expect(result.problems).toEqual([]);
      expect(result.valid.map((spec) => spec.sli)).toEqual(slis);
    });

    it("accepts Sloth's snake_case field names and normalises them", () => {
      const result = validateSloSpecs([
        slo({ sli: { events: { error_query: events.events.errorQuery, total_query: events.events.totalQuery } } }),
        slo({ id: 'raw', sli: { raw: { error_ratio_query: 'rate(x[{{.window}}])' } } }),
      ]);
      expect(result.valid[0].sli).toEqual(events);
      expect(result.valid[1].sli).toEqual({ raw: { errorRatioQuery: 'rate(x[{{.window}}])' } });
    });

    it('defaults the latency selector and accepts a numeric threshold', () => {
      const [spec] = validateSloSpecs([slo({ sli: { latency: { bucketMetric: 'x_bucket', threshold: 0.5 } } })]).valid;
      expect(spec.sli).toEqual({ latency: { bucketMetric: 'x_bucket', threshold: '0.5', selector: '{}' } });
    });

    it.each([
      [{}, 'slos[0].sli: must have exactly one of events, ratio, raw, latency, boolGauge'],
      [
        { events: events.events, raw: { errorRatioQuery: 'x' } },
        'slos[0].sli: must have exactly one SLI kind, found events and raw',
      ],
      [
        { events: { errorQuery: 'sum(rate(x[{{.window}}])', totalQuery: 'sum(rate(y[{{.window}}]))' } },
        'slos[0].sli.events.errorQuery: "(" at character 4 is never closed',
      ],
      [
        { events: { errorQuery: 'sum(rate(x{code="5..}[{{.window}}]))', totalQuery: 'sum(rate(y[{{.window}}]))' } },
        'slos[0].sli.events.errorQuery: unclosed " quote',
      ],
      [{ events: { totalQuery: 'sum(rate(y[{{.window}}]))' } }, 'slos[0].sli.events.errorQuery: is required'],
      [
        { latency: { bucketMetric: 'http_request_duration_seconds', threshold: '0.3' } },
        'slos[0].sli.latency.bucketMetric: must be the name of a histogram bucket metric ending in _bucket, without labels',
      ],
      [
        { latency: { bucketMetric: 'x_bucket', threshold: 'fast' } },
        'slos[0].sli.latency.threshold: must be a positive number of seconds matching an existing le bound, got string "fast"',
      ],
      [
        { latency: { bucketMetric: 'x_bucket', threshold: '1', selector: '{le="1"}' } },
        'slos[0].sli.latency.selector: must not match on le: the threshold sets it',
      ],
      [
        { latency: { bucketMetric: 'x_bucket', threshold: '1', selector: 'job="api"' } },
        'slos[0].sli.latency.selector: must be label matchers in braces such as {job="api"} or {}',
      ],
      [
        { boolGauge: { query: 'avg(up)' } },
        'slos[0].sli.boolGauge.query: must be a series selector such as metric{label="value"}',
      ],
    ])('rejects %j', (sli, message) => {
      expect(errorsOf([slo({ sli })])).toEqual([message]);
    });
  });

  describe('budgeting, breakdown and alerting', () => {
    it('needs target and window for time slices', () => {
      expect(errorsOf([slo({ budgetingMethod: 'timeslices' })])).toEqual([
        'slos[0].timesliceTarget: is required with timeslices: the percent of good events a slice needs, e.g. 95',
        'slos[0].timesliceWindow: is required with timeslices: the slice length, e.g. 5m',
      ]);
      const [spec] = validateSloSpecs([
        slo({ budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' }),
      ]).valid;
      expect(spec).toMatchObject({ budgetingMethod: 'timeslices', timesliceTarget: 95, timesliceWindow: '5m' });
    });

    it('checks breakdown label names', () => {
      expect(errorsOf([slo({ breakdownLabels: ['member_cluster', 'not a label'] })])).toEqual([
        'slos[0].breakdownLabels[1]: must be a label name ([a-zA-Z_][a-zA-Z0-9_]*), got string "not a label"',
      ]);
    });

    it('reads custom alert windows as durations with a factor or a budget share', () => {
      const [spec] = validateSloSpecs([
        slo({
          alerting: {
            windows: [
              { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
              { severity: 'ticket', long: '3d', short: '6h', budgetPercent: 10 },
            ],
          },
        }),
      ]).valid;
      expect(spec.alerting).toEqual({
        windows: [
          { severity: 'page', longSeconds: 3600, shortSeconds: 300, factor: 14.4 },
          { severity: 'ticket', longSeconds: 259200, shortSeconds: 21600, budgetPercent: 10 },
        ],
      });
    });

    it('rejects broken alert windows with their index', () => {
      expect(errorsOf([slo({ alerting: { windows: [{ severity: 'sms', long: '5m', short: '1h' }] } })])).toEqual([
        'slos[0].alerting.windows[0].severity: must be page or ticket, got string "sms"',
        'slos[0].alerting.windows[0].short: must be shorter than the long window',
        'slos[0].alerting.windows[0]: needs factor (a burn rate such as 14.4) or budgetPercent (such as 2)',
      ]);
    });
  });

  describe('alert pairs that cannot do their job', () => {
    function warningsOf(input: unknown): string[] {
      return validateSloSpecs(input)
        .problems.filter((problem) => problem.severity === 'warning')
        .map(formatProblem);
    }

    it('warns, with the pair and its path, about every listed pair that can never fire', () => {
      const input = [
        slo({ id: 'a' }),
        slo({ id: 'b' }),
        slo({
          id: 'c',
          objective: 90,
          alerting: {
            windows: [
              { severity: 'page', long: '1h', short: '5m', factor: 14.4 },
              { severity: 'page', long: '6h', short: '30m', factor: 6 },
              { severity: 'ticket', long: '1d', short: '2h', factor: 10 },
            ],
          },
        }),
      ];
      const result = validateSloSpecs(input);
      expect(result.valid.map((spec) => spec.id)).toEqual(['a', 'b', 'c']);
      expect(warningsOf(input)).toEqual([
        'slos[2].alerting.windows[0]: threshold 144% can never be reached at objective 90',
        'slos[2].alerting.windows[2]: threshold 100% can never be reached at objective 90',
      ]);
    });

    it('names the default pair under alerting.windows, and stays quiet where every pair can fire', () => {
      expect(warningsOf([slo({ objective: 90 })])).toEqual([
        'slos[0].alerting.windows: page 1h/5m: threshold 144% can never be reached at objective 90',
      ]);
      expect(warningsOf([slo({ objective: 95, alerting: { windows: 'default' } })])).toEqual([]);
      expect(warningsOf([slo({ objective: 99.9 })])).toEqual([]);
    });

    it('still rejects a short window that is not shorter than the long one', () => {
      expect(
        errorsOf([slo({ alerting: { windows: [{ severity: 'page', long: '1h', short: '1h', factor: 2 }] } })])
      ).toEqual(['slos[0].alerting.windows[0].short: must be shorter than the long window']);
    });
  });

  describe('the low-traffic guard', () => {
    it('reads alerting.minEvents, with default windows or a list', () => {
      expect(validateSloSpecs([slo({ alerting: { minEvents: 100 } })]).valid[0].alerting).toEqual({
        windows: 'default',
        minEvents: 100,
      });
      const [listed] = validateSloSpecs([
        slo({ alerting: { minEvents: 0, windows: [{ severity: 'page', long: '1h', short: '5m', factor: 14.4 }] } }),
      ]).valid;
      expect(listed.alerting?.minEvents).toBe(0);
    });

    it.each([
      [-1, 'number -1'],
      ['100', 'string "100"'],
      [Number.NaN, 'NaN (not a number)'],
      [Number.POSITIVE_INFINITY, 'infinity'],
    ])('rejects minEvents %p with its path', (minEvents, described) => {
      expect(errorsOf([slo({ alerting: { minEvents } })])).toEqual([
        `slos[0].alerting.minEvents: must be a number of events of 0 or more (the long window's minimum to fire), got ${described}`,
      ]);
    });
  });

  describe('queries Prometheus 3 reads differently', () => {
    it('warns where an events or ratio query matches an integer le exactly, and suggests a regex', () => {
      const bucket = (le: string) => `sum(rate(request_duration_seconds_bucket{job="api",${le}}[{{.window}}]))`;
      const result = validateSloSpecs([
        slo({
          sli: {
            events: { errorQuery: `${bucket('le="1"')} - ${bucket("le = '1'")}`, totalQuery: bucket('le="+Inf"') },
          },
        }),
        slo({ id: 'good', sli: { ratio: { goodQuery: bucket('le!="30"'), totalQuery: bucket('le=~"30(\\\\.0)?"') } } }),
        slo({ id: 'fine', sli: { events: { errorQuery: bucket('le="0.5"'), totalQuery: bucket('le="1.0"') } } }),
      ]);
      expect(result.valid).toHaveLength(3);
      expect(result.problems.map(formatProblem)).toEqual([
        'slos[0].sli.events.errorQuery: matches le="1" exactly: Prometheus 3 stores classic-histogram bounds as floats (le="1.0"), so there it silently matches nothing; use le=~"1(\\\\.0)?" to match both forms',
        'slos[1].sli.ratio.goodQuery: matches le!="30" exactly: Prometheus 3 stores classic-histogram bounds as floats (le="30.0"), so there it silently matches every bucket; use le!~"30(\\\\.0)?" to match both forms',
      ]);
    });
  });

  describe('objectives that are not numbers', () => {
    it.each([
      ['.nan', 'is not a number (.nan): use a percentage such as 99.9'],
      ['.inf', 'is infinite (.inf): use a percentage strictly between 0 and 100'],
      ['-.inf', 'is infinite (-.inf): use a percentage strictly between 0 and 100'],
      ['null', 'is required: a percentage such as 99.9'],
    ])('says what objective: %s is, never "number null"', (yaml, message) => {
      const result = parseSloSpecsYaml(`
- id: a
  name: A
  service: s
  objective: ${yaml}
  sli: { raw: { errorRatioQuery: 'x[{{.window}}]' } }
`);
      expect(result.problems.map(formatProblem)).toEqual([`slos[0].objective: ${message}`]);
    });

    it('says the same of JSON settings, where NaN was saved as null', () => {
      expect(errorsOf(JSON.parse(JSON.stringify([slo({ objective: Number.NaN })])))).toEqual([
        'slos[0].objective: is required: a percentage such as 99.9',
      ]);
    });
  });

  describe('labels and unknown fields', () => {
    it('keeps numbers in labels as text', () => {
      expect(validateSloSpecs([slo({ labels: { tier: 1, team: 'platform' } })]).valid[0].labels).toEqual({
        tier: '1',
        team: 'platform',
      });
    });

    it('warns about unknown fields with a hint, and keeps the SLO', () => {
      const result = validateSloSpecs([slo({ breakdownLabel: ['code'] })]);
      expect(result.valid).toHaveLength(1);
      expect(result.problems).toEqual([
        {
          path: 'slos[0].breakdownLabel',
          message: 'unknown field, ignored (did you mean "breakdownLabels"?)',
          severity: 'warning',
        },
      ]);
    });
  });
});

describe('parseSloSpecsYaml', () => {
  it('parses YAML and validates it', () => {
    const result = parseSloSpecsYaml(`
slos:
  - id: cluster-ready
    name: Member cluster ready
    service: karmada
    objective: 99.5
    period: { calendar: month, timezone: Europe/Berlin }
    sli:
      boolGauge:
        query: cluster_ready_state{member_cluster="member1"}
`);
    expect(result.problems).toEqual([]);
    expect(result.valid[0]).toMatchObject({
      id: 'cluster-ready',
      period: { calendar: 'month', timezone: 'Europe/Berlin' },
    });
  });

  it('reports a YAML syntax error with its line', () => {
    const result = parseSloSpecsYaml('slos:\n  - id: a\n    name: [unclosed\n');
    expect(result.valid).toEqual([]);
    expect(result.problems[0].message).toMatch(/^YAML syntax error at line \d+, column \d+/);
  });
});
