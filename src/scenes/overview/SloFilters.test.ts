import { SloFilters } from './SloFilters';
import type { SloRowModel } from '../viewModels/sloRow';

const row = (overrides: Partial<SloRowModel>): SloRowModel => ({
  key: 'a',
  id: 'a',
  name: 'A',
  service: 'checkout',
  objective: 99.9,
  periodLabel: 'rolling 30d',
  labels: { team: 'shop' },
  groupLabels: {},
  status: 'ok',
  sli: null,
  budgetRemaining: null,
  burnRate1h: null,
  burnRate6h: null,
  timeToExhaustion: null,
  firing: [],
  sparkline: [],
  notes: [],
  error: null,
  now: null,
  ...overrides,
});

describe('SloFilters', () => {
  it('keeps its values in the URL and reads them back', () => {
    const filters = new SloFilters({ search: 'pay', services: ['checkout'], states: ['page'], labels: ['team=shop'] });
    expect(filters.getUrlState()).toEqual({
      search: 'pay',
      service: ['checkout'],
      state: ['page'],
      label: ['team=shop'],
    });
    const restored = new SloFilters();
    restored.updateFromUrl({ search: 'pay', service: 'checkout', state: ['page', 'bogus'], label: 'team=shop' });
    expect(restored.state).toMatchObject({
      search: 'pay',
      services: ['checkout'],
      states: ['page'],
      labels: ['team=shop'],
    });
  });

  it('matches service, state, every label and the search text', () => {
    const filters = new SloFilters({
      services: ['checkout'],
      states: ['page', 'ticket'],
      labels: ['team=shop'],
      search: 'avail',
    });
    expect(filters.matches(row({ status: 'page', name: 'Checkout availability' }))).toBe(true);
    expect(filters.matches(row({ status: 'ok', name: 'Checkout availability' }))).toBe(false);
    expect(filters.matches(row({ status: 'page', name: 'Checkout latency' }))).toBe(false);
    expect(filters.matches(row({ status: 'page', name: 'Checkout availability', labels: { team: 'core' } }))).toBe(
      false
    );
    expect(filters.matches(row({ status: 'page', name: 'x', groupLabels: { route: 'availability' } }))).toBe(true);
  });

  it('filters by every state a row can have, insufficient traffic and loading included', () => {
    const filters = new SloFilters();
    filters.updateFromUrl({ state: ['insufficient-traffic', 'loading'] });
    expect(filters.state.states).toEqual(['insufficient-traffic', 'loading']);
    expect(filters.matches(row({ status: 'insufficient-traffic' }))).toBe(true);
    expect(filters.matches(row({ status: 'loading' }))).toBe(true);
    expect(filters.matches(row({ status: 'ok' }))).toBe(false);
  });
});
