import type { SloSpec } from '../spec';

/** Test support: the SLO many tests start from, 99.9 % of checkout's requests without a 5xx over 30 days. */
export const CHECKOUT_AVAILABILITY: SloSpec = {
  id: 'checkout-availability',
  name: 'Checkout availability',
  service: 'checkout',
  objective: 99.9,
  period: { rolling: '30d' },
  budgetingMethod: 'occurrences',
  sli: {
    events: {
      errorQuery: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      totalQuery: 'sum(rate(http_requests_total[{{.window}}]))',
    },
  },
};
