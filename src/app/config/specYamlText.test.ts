import { specFromYaml, specToYaml } from './specYamlText';

describe('one SLO as YAML', () => {
  it('round-trips a spec, placeholders and numeric-looking strings included', () => {
    const spec = {
      id: 'api-latency',
      objective: 99.5,
      sli: {
        latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold: '0.3', selector: '{job="api"}' },
      },
      alerting: { windows: 'default' },
      description: 'x'.repeat(200),
    };
    expect(specFromYaml(specToYaml(spec))).toEqual({ spec });
  });

  it('reports a syntax error with its position', () => {
    const parsed = specFromYaml('id: a\nname: [unclosed\n');
    expect('error' in parsed && parsed.error).toMatch(/^YAML syntax error at line \d+, column \d+/);
  });

  it('rejects YAML that is not one SLO', () => {
    expect(specFromYaml('- id: a\n')).toEqual({ error: expect.stringContaining('this YAML is a list') });
    expect(specFromYaml('')).toEqual({ error: expect.stringContaining('this YAML is empty') });
  });
});
