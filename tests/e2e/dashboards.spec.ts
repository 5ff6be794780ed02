import { expect, test } from '@grafana/plugin-e2e';
import { DEMO_SLOS, PANEL_TIMEOUT } from './fixtures';

// Grafana imports the dashboards of src/plugin.json when the app is enabled.
test.describe('bundled dashboards', () => {
  test('the overview repeats a burndown per SLO', async ({ gotoDashboardPage, page }) => {
    await gotoDashboardPage({ uid: 'sloburn-slo-overview' });
    await expect(page.getByTestId('sloburn-budget-remaining').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(page.getByText(DEMO_SLOS[0].name).first()).toBeVisible();
  });

  test('the details dashboard shows the burndown and the burn rates of one SLO', async ({
    gotoDashboardPage,
    page,
  }) => {
    await gotoDashboardPage({
      uid: 'sloburn-slo-details',
      queryParams: new URLSearchParams({ 'var-slo': 'checkout-availability' }),
    });
    await expect(page.getByTestId('sloburn-budget-remaining').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(page.getByTestId('sloburn-burnrate-calculator').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
  });

  test('the example runs both panels on raw queries', async ({ gotoDashboardPage, page }) => {
    await gotoDashboardPage({ uid: 'sloburn-slo-example' });
    await expect(page.getByTestId('sloburn-budget-remaining').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
  });
});
