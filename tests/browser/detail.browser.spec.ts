import type { Page } from '@playwright/test';
import { APP_ROUTE } from './host/constants';
import { DETAIL_RANGE, OVERVIEW_RANGE, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostPath, saveScreenshot, test } from './support/fixtures';

const SLO_ID = 'apiserver-read-availability';
const DETAIL = `${APP_ROUTE}/slos/${SLO_ID}`;
const OVERVIEW = `${APP_ROUTE}/slos`;

for (const theme of THEMES) {
  test.describe(`SLO detail page (${theme} theme)`, () => {
    test(`shows the API server read SLO paging, and where it burns, during the Calico outage (to ${iso(
      DETAIL_RANGE.to
    )})`, async ({ page }) => {
      await page.goto(hostPath(DETAIL, theme, DETAIL_RANGE));
      await expectTheme(page, theme);
      await expect(page.getByRole('heading', { name: 'API server read availability', level: 1 })).toBeVisible();

      // The alert pairs: both page pairs fire, 1h/5m first; the ticket pairs do not.
      const pairs = page.getByRole('table', { name: 'Alert window pairs' });
      await expect(pairs.getByTestId('alert-pair-page-1h/5m')).toContainText('14.4×');
      await expect(pairs.getByTestId('alert-pair-page-1h/5m')).toContainText(/Firing since/);
      await expect(pairs.getByTestId('alert-pair-page-6h/30m')).toContainText(/Firing since/);
      await expect(pairs.getByTestId('alert-pair-ticket-1d/2h')).toContainText('Not firing');

      // Where it burns: by group, projectcalico.org first (every Calico request times out).
      const byGroup = page.getByRole('table', { name: 'Bad events by group' });
      await expect(byGroup.locator('tbody tr').first().getByRole('cell').first()).toHaveText('projectcalico.org');
      const byResource = page.getByRole('table', { name: 'Bad events by resource' });
      await expect(byResource.locator('tbody tr').first().getByRole('cell').first()).toHaveText('networkpolicies');

      // The burndown section draws the engine's chart (ours, not a Grafana built-in).
      const burndown = page.getByRole('region', { name: 'Error budget burndown' });
      await expect(burndown.getByTestId('sloburn-burndown-chart').locator('canvas')).toBeVisible();
      await expect(burndown.getByTestId('sloburn-budget-remaining')).toHaveText(/^\d+(\.\d+)?%$/);

      // Grafana's own charts cannot load outside Grafana: their placeholders say so and show the data.
      await expect(page.getByTestId('builtin-panel-timeseries').first()).toContainText('built-in panel (Grafana only)');
      await expect(page.getByTestId('builtin-panel-state-timeline')).toContainText('page 1h / 5m');
      // Each would draw its x-axis over the time range it was given: the visible one, not the weeks
      // its queries read.
      const charts = page.locator('[data-testid^="builtin-panel-"]');
      await expect(charts).toHaveCount(4);
      for (const chart of await charts.all()) {
        await expect(chart).toHaveAttribute('data-time-from', String(DETAIL_RANGE.from * 1000));
        await expect(chart).toHaveAttribute('data-time-to', String(DETAIL_RANGE.to * 1000));
      }

      await saveScreenshot(page, 'detail', theme);
    });
  });
}

test('navigating overview → detail → back keeps the overview filters and the time range', async ({ page }) => {
  const search = 'availability';
  await page.goto(hostPath(OVERVIEW, 'dark', OVERVIEW_RANGE, { search }));
  const row = page.getByTestId(`slo-row-${SLO_ID}`);
  await expect(row.getByRole('cell').first()).toHaveText('Page');
  await expect(page.getByTestId('slo-row-checkout-latency')).toHaveCount(0);

  // The SLO's link in its row opens the detail page with the time range and filters carried along.
  await row.getByRole('link', { name: 'API server read availability' }).click();
  await expectUrl(page, DETAIL, search);
  await expect(page.getByTestId('alert-pair-page-1h/5m')).toContainText(/Firing since/);

  // Back by the breadcrumb: the overview as it was left.
  await page.getByRole('navigation', { name: 'Breadcrumbs' }).getByRole('link', { name: 'SLOs' }).click();
  await expectUrl(page, OVERVIEW, search);
  await expect(page.getByPlaceholder('Search SLOs, services, labels')).toHaveValue(search);
  await expect(page.getByTestId('slo-row-checkout-latency')).toHaveCount(0);
  await expect(page.getByTestId(`slo-row-${SLO_ID}`).getByRole('cell').first()).toHaveText('Page');

  // Forward again, then back with the browser's own button.
  await page.getByTestId(`slo-row-${SLO_ID}`).getByRole('link', { name: 'API server read availability' }).click();
  await expectUrl(page, DETAIL, search);
  await page.goBack();
  await expectUrl(page, OVERVIEW, search);
  await expect(page.getByTestId('slo-row-checkout-latency')).toHaveCount(0);
});

/**
 * The page at `pathname` with the overview's time range (Scenes writes it back as ISO times or keeps
 * epoch milliseconds: either is the same range) and search in its URL.
 */
async function expectUrl(page: Page, pathname: string, search: string) {
  const time = (value: string | null) =>
    value === null ? NaN : /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  await expect(page).toHaveURL(
    (url) =>
      url.pathname === pathname &&
      time(url.searchParams.get('from')) === OVERVIEW_RANGE.from * 1000 &&
      time(url.searchParams.get('to')) === OVERVIEW_RANGE.to * 1000 &&
      url.searchParams.get('search') === search
  );
}
