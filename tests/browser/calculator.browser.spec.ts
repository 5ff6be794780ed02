import type { Locator } from '@playwright/test';
import { APP_ROUTE, PANELS_ROUTE } from './host/constants';
import { APISERVER_SLO_BURNRATE, CHECKOUT_BURNRATE } from './panels';
import { DURING_CALICO, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostPath, panel, saveScreenshot, test } from './support/fixtures';

/** The Google SRE workbook's factors for 99.9 % over 30 days: 2 %, 5 %, 10 %, 10 % of the budget. */
const FACTORS_30D = ['14.4', '6', '3', '1'];
const THRESHOLDS_999 = ['1.44%', '0.6%', '0.3%', '0.1%'];
const BURNRATE_RANGE = { from: DURING_CALICO - 3 * 86400, to: DURING_CALICO };

async function expectEditableFactors(scope: Locator) {
  for (const [index, factor] of FACTORS_30D.entries()) {
    await expect(scope.getByLabel(`Factor, window ${index + 1}`, { exact: true })).toHaveValue(factor);
  }
  const thresholds = scope.getByRole('table', { name: 'Alert windows' }).locator('tbody tr');
  for (const [index, threshold] of THRESHOLDS_999.entries()) {
    await expect(thresholds.nth(index).getByRole('cell').nth(5)).toHaveText(threshold);
  }
}

for (const theme of THEMES) {
  test.describe(`burn-rate calculator (${theme} theme)`, () => {
    test('the calculator page gives 14.4 / 6 / 3 / 1 for 99.9% over 30 days', async ({ page }) => {
      await page.goto(hostPath(`${APP_ROUTE}/calculator`, theme));
      await expectTheme(page, theme);
      await expect(page.getByRole('heading', { name: 'Burn-rate calculator', level: 1 })).toBeVisible();
      await expect(page.getByLabel('Objective', { exact: true })).toHaveValue('99.9');
      await expect(page.getByLabel('Period', { exact: true })).toHaveValue('30d');
      await expectEditableFactors(page.getByTestId('sloburn-burnrate-calculator'));
      await saveScreenshot(page, 'calculator', theme);
    });

    test(`the burn-rate panels give 14.4 / 6 / 3 / 1 for 30 days (3 days to ${iso(BURNRATE_RANGE.to)})`, async ({
      page,
    }) => {
      await page.goto(hostPath(`${PANELS_ROUTE}/burnrate`, theme, BURNRATE_RANGE));
      await expectTheme(page, theme);

      // From the panel's own queries (checkout's bad and total requests), editable, with live burn rates.
      const queries = panel(page, CHECKOUT_BURNRATE.title);
      await expectEditableFactors(queries);
      await expect(queries.getByRole('columnheader', { name: 'Burn rate now (long / short)' })).toBeVisible();
      await expect(queries.getByText(/^(OK|Firing)$/)).toHaveCount(4);

      // From an SLO of the app (99 %, rolling 30d): its windows, the same factors, editable to try them out
      // against what the SLO's data would have done.
      const fromSlo = panel(page, APISERVER_SLO_BURNRATE.title);
      await expect(fromSlo).toContainText('Alert windows of SLO API server read availability');
      for (const [index, factor] of FACTORS_30D.entries()) {
        await expect(fromSlo.getByLabel(`Factor, window ${index + 1}`, { exact: true })).toHaveValue(factor);
      }
      await expect(fromSlo.getByRole('columnheader', { name: /^Episodes/ })).toBeVisible();

      // At 1,400 px the editable table fits its panel, State column included, inside a scroll
      // container no wider than the panel (narrower panels scroll instead of cutting columns off).
      for (const title of [CHECKOUT_BURNRATE.title, APISERVER_SLO_BURNRATE.title]) {
        const fit = await panel(page, title).evaluate((section) => {
          const table = section.querySelector('table[aria-label="Alert windows"]') as HTMLElement;
          const scroller = table.parentElement as HTMLElement;
          const state = [...table.querySelectorAll('th')].find((header) => header.textContent === 'State')!;
          return {
            scrolls: getComputedStyle(scroller).overflowX,
            hiddenWidth: scroller.scrollWidth - scroller.clientWidth,
            scrollerRight: scroller.getBoundingClientRect().right,
            panelRight: section.getBoundingClientRect().right,
            stateRight: state.getBoundingClientRect().right,
          };
        });
        expect(fit.scrolls, title).toBe('auto');
        expect(fit.scrollerRight, title).toBeLessThanOrEqual(fit.panelRight);
        expect(fit.hiddenWidth, title).toBe(0);
        expect(fit.stateRight, title).toBeLessThanOrEqual(fit.scrollerRight);
      }

      await saveScreenshot(page, 'burnrate-panel', theme);
    });
  });
}

test('a prefilled calculator takes the objective, period and windows of an SLO', async ({ page }) => {
  await page.goto(hostPath(`${APP_ROUTE}/calculator`, 'dark', undefined, { slo: 'apiserver-read-availability' }));
  await expect(page.getByLabel('Objective', { exact: true })).toHaveValue('99');
  await expect(page.getByLabel('Period', { exact: true })).toHaveValue('30d');
  for (const [index, factor] of FACTORS_30D.entries()) {
    await expect(page.getByLabel(`Factor, window ${index + 1}`, { exact: true })).toHaveValue(factor);
  }
  // The same factors mean ten times the error ratio at 99 %.
  const rows = page.getByRole('table', { name: 'Alert windows' }).locator('tbody tr');
  await expect(rows.first().getByRole('cell').nth(5)).toHaveText('14.4%');
});

test.describe('panels with events from an SLO of the app, on a dashboard', () => {
  test('the burn-rate panel shows the API server page firing at the end of the dashboard time range', async ({
    page,
  }) => {
    await page.goto(hostPath(`${PANELS_ROUTE}/burnrate`, 'dark', BURNRATE_RANGE));
    const fromSlo = panel(page, APISERVER_SLO_BURNRATE.title);
    const firstPair = fromSlo.getByRole('table', { name: 'Alert windows' }).locator('tbody tr').first();
    // Loaded: the pair has its live state (the page evaluates the SLO and shows a state badge)...
    await expect(firstPair.getByText(/^(OK|Firing|No data)$/)).toBeVisible();
    // ...and at 2026-10-30T11:00Z, an hour into the Calico outage, that state is Firing.
    await expect(firstPair).toContainText('Firing', { timeout: 5_000 });
  });
});
