import { sumByLabels } from './aggregation';

describe('sumByLabels', () => {
  it.each([
    ['sum(rate(x[5m]))', 'sum by (group) (rate(x[5m]))'],
    ['sum by (job) (rate(x[5m]))', 'sum by (job, group) (rate(x[5m]))'],
    ['sum by(group)(rate(x[5m]))', 'sum by (group) (rate(x[5m]))'],
    ['sum(rate(x[5m])) by (job)', 'sum by (job, group) (rate(x[5m]))'],
    ['sum without (instance) (rate(x[5m]))', 'sum without (instance) (rate(x[5m]))'],
    ['rate(x[5m])', 'rate(x[5m])'],
    [
      'sum(rate(a[5m])) - (sum(rate(b{le="1"}[5m])) + sum(rate(c[5m])))',
      'sum by (group) (rate(a[5m])) - (sum by (group) (rate(b{le="1"}[5m])) + sum by (group) (rate(c[5m])))',
    ],
    ['sum(rate(x{path="/sum(1)"}[5m]))', 'sum by (group) (rate(x{path="/sum(1)"}[5m]))'],
    ['sum(rate(checksum_total[5m]))', 'sum by (group) (rate(checksum_total[5m]))'],
    ['sum(sum_over_time(x[5m]))', 'sum by (group) (sum_over_time(x[5m]))'],
  ])('%s', (query, expected) => {
    expect(sumByLabels(query, ['group'])).toBe(expected);
  });

  it('adds several labels once each', () => {
    expect(sumByLabels('sum by (group) (x)', ['group', 'resource'])).toBe('sum by (group, resource) (x)');
  });
});
