import { type DashboardPage, expect, test } from '@grafana/plugin-e2e';
import { BURNDOWN_STATES, PANEL_TIMEOUT } from './fixtures';

/** The panel's element, scrolled into view so that Grafana renders it. */
async function panel(dashboardPage: DashboardPage, title: string) {
  const found = dashboardPage.getPanelByTitle(title);
  await found.scrollIntoView();
  return found.locator;
}

test.describe('burndown panel: one provisioned panel per state', () => {
  let uid = '';
  test.beforeEach(async ({ readProvisionedDashboard }) => {
    uid = (await readProvisionedDashboard({ fileName: BURNDOWN_STATES })).uid;
  });

  test('data: the remaining budget as a big number over the chart', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: data');
    await expect(element.getByTestId('sloburn-budget-remaining')).toHaveText(/^-?\d+(\.\d+)?%$/, {
      timeout: PANEL_TIMEOUT,
    });
    await expect(element.getByText(/error budget remaining · rolling 30d/)).toBeVisible();
    await expect(element.getByTestId('uplot-main-div')).toBeVisible();
    await expect(element.getByText('Ideal (constant burn)')).toBeVisible();
  });

  test('no data: says so', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: no data');
    await expect(element.getByTestId('sloburn-panel-notice')).toContainText('No data', { timeout: PANEL_TIMEOUT });
  });

  test('objective 100: explains that there is no error budget', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: objective 100');
    await expect(element.getByTestId('sloburn-panel-notice')).toContainText(
      'An objective of 100% has no error budget',
      {
        timeout: PANEL_TIMEOUT,
      }
    );
  });

  test('query error: shows the error', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: query error');
    await expect(element.getByTestId('sloburn-panel-notice')).toContainText('Query error', { timeout: PANEL_TIMEOUT });
  });

  test('partial data: says how much of the period the time range covers', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: partial data');
    await expect(element.getByTestId('sloburn-partial-data')).toContainText(
      "the panel's time range covers 7 of 30 days",
      {
        timeout: PANEL_TIMEOUT,
      }
    );
    await expect(element.getByTestId('sloburn-budget-remaining')).toBeVisible();
  });

  test('SLO reference: draws an SLO of the app', async ({ gotoDashboardPage }) => {
    const dashboardPage = await gotoDashboardPage({ uid });
    const element = await panel(dashboardPage, 'Burndown: SLO reference');
    await expect(element.getByTestId('sloburn-budget-remaining')).toHaveText(/^-?\d+(\.\d+)?%$/, {
      timeout: PANEL_TIMEOUT,
    });
  });

  test('its options sit in the standard options editor', async ({ gotoPanelEditPage }) => {
    const panelEditPage = await gotoPanelEditPage({ dashboard: { uid }, id: '1' });
    await expect(panelEditPage.getCustomOptions('Events').element).toBeVisible();
    await expect(panelEditPage.getCustomOptions('SLO').element).toBeVisible();
  });
});

test('a new burndown panel stands alone and says what it needs', async ({ panelEditPage }) => {
  await panelEditPage.setVisualization('SLO burndown');
  await expect(panelEditPage.panel.locator.getByTestId('sloburn-panel-notice')).toBeVisible({ timeout: PANEL_TIMEOUT });
});
