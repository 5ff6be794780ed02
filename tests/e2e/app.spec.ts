import { expect, test } from '@grafana/plugin-e2e';
import { DEMO_SLOS, PANEL_TIMEOUT, PLUGIN_ID, demoDataEnd, duringCalicoOutage } from './fixtures';

test.describe('SLO Burn app pages', () => {
  test('the overview lists the demo SLOs', async ({ gotoAppPage, page }) => {
    await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos' });
    for (const slo of DEMO_SLOS) {
      await expect(page.getByText(slo.name, { exact: true }).first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    }
  });

  test('a detail page shows the SLO and where its errors come from', async ({ gotoAppPage, page }) => {
    // The demo's Calico outage (every projectcalico.org request times out), wherever the demo data
    // put it: the data ends a day after `docker compose up`, however long ago that was.
    const range = duringCalicoOutage(await demoDataEnd(page.request));
    await gotoAppPage({
      pluginId: PLUGIN_ID,
      path: '/slos/apiserver-read-availability',
      queryParams: new URLSearchParams({ from: String(range.from * 1000), to: String(range.to * 1000) }),
    });
    await expect(page.getByText('API server read availability').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(page.getByText(/breakdown/i).first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(page.getByText('projectcalico.org').first()).toBeVisible({ timeout: PANEL_TIMEOUT });
    await expect(page.getByTestId('alert-pair-page-1h/5m')).toContainText(/Firing since/, { timeout: PANEL_TIMEOUT });
  });

  test('an unknown SLO says so', async ({ gotoAppPage, page }) => {
    await gotoAppPage({ pluginId: PLUGIN_ID, path: '/slos/no-such-slo' });
    await expect(page.getByText(/no-such-slo/).first()).toBeVisible({ timeout: PANEL_TIMEOUT });
  });

  test('the calculator page shows the SRE workbook factors 14.4, 6, 3 and 1', async ({ gotoAppPage, page }) => {
    await gotoAppPage({ pluginId: PLUGIN_ID, path: '/calculator' });
    const factors = page.getByRole('textbox', { name: /^Factor, window \d+$/ });
    await expect(factors).toHaveCount(4, { timeout: PANEL_TIMEOUT });
    for (const [index, factor] of ['14.4', '6', '3', '1'].entries()) {
      await expect(factors.nth(index)).toHaveValue(factor);
    }
    await expect(page.getByText('1.44%').first()).toBeVisible();
  });

  test('the app lists its bundled dashboards', async ({ gotoAppConfigPage, page }) => {
    await gotoAppConfigPage({ pluginId: PLUGIN_ID });
    await page.getByRole('tab', { name: /dashboards/i }).click();
    for (const title of ['SLO Burn / Overview', 'SLO Burn / SLO details', 'SLO Burn / Panels on raw queries']) {
      await expect(page.getByText(title).first()).toBeVisible();
    }
  });
});
