import { type DashboardPage, expect, test } from '@grafana/plugin-e2e';
import { BURNRATE_STATES, PANEL_TIMEOUT } from './fixtures';

async function panel(dashboardPage: DashboardPage, title: string) {
  const found = dashboardPage.getPanelByTitle(title);
  await found.scrollIntoView();
  return found.locator;
}

test.describe('burn-rate calculator panel: one provisioned panel per state', () => {
  let uid = '';
  test.beforeEach(async ({ readProvisionedDashboard }) => {
    uid = (await readProvisionedDashboard({ fileName: BURNRATE_STATES })).uid;
  });

  test('calculator: the SRE workbook windows, factors 14.4, 6, 3 and 1', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: calculator');
    const factors = element.getByRole('textbox', { name: /^Factor, window \d+$/ });
    await expect(factors).toHaveCount(4, { timeout: PANEL_TIMEOUT });
    for (const [index, factor] of ['14.4', '6', '3', '1'].entries()) {
      await expect(factors.nth(index)).toHaveValue(factor);
    }
    await expect(element.getByText('2d 2h')).toBeVisible();
  });

  test('calculator: editing the objective recomputes the thresholds', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: calculator');
    const objective = element.getByLabel('Objective');
    await objective.fill('99');
    await objective.press('Enter');
    await expect(element.getByText('14.4%')).toBeVisible({ timeout: PANEL_TIMEOUT });
  });

  test('live: each pair has a state next to its threshold', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: live');
    await expect(element.getByRole('columnheader', { name: 'State' })).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(element.getByText(/^(OK|Firing)$/)).toHaveCount(4, { timeout: PANEL_TIMEOUT });
  });

  test('no data: says so and keeps the calculator', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: no data');
    await expect(element.getByTestId('sloburn-panel-notice')).toContainText('No data', { timeout: PANEL_TIMEOUT });
    await expect(element.getByRole('table', { name: 'Alert windows' })).toBeVisible();
  });

  test('objective 100: explains that there is no error budget', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: objective 100');
    await expect(element.getByText('Cannot compute the alert windows')).toBeVisible({ timeout: PANEL_TIMEOUT });
  });

  test('query error: shows the error', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: query error');
    await expect(element.getByTestId('sloburn-panel-notice')).toContainText('Query error', { timeout: PANEL_TIMEOUT });
  });

  test("SLO reference: the SLO's windows with their state, editable to see what they would have done", async ({
    gotoDashboardPage,
  }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burn rate: SLO reference');
    await expect(element.getByText('Checkout availability')).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(element.getByLabel('Factor, window 1', { exact: true })).toHaveValue('14.4');
    await expect(element.getByRole('columnheader', { name: /^Episodes/ })).toBeVisible({ timeout: PANEL_TIMEOUT });
  });

  test('its inputs sit in the standard options editor', async ({ gotoPanelEditPage }) => {
    const panelEditPage = await gotoPanelEditPage({ dashboard: { uid }, id: '1' });
    await expect(panelEditPage.getCustomOptions('Calculator').element).toBeVisible();
  });
});
