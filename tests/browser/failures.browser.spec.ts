/**
 * What users see when Grafana cannot answer at all: a request that fails as a whole reaches the page
 * as an error without refId (a proxy's 504 in front of Grafana, a data source uid nobody has). Every
 * SLO row and panel that request feeds names the failure; none says "No data".
 */
import { APP_DATASOURCE_PARAM, APP_ROUTE, HOST_TIMING_OUT_DATASOURCE, PANELS_ROUTE } from './host/constants';
import { APISERVER_SLO_BURNDOWN, CHECKOUT_WEEK_BURNDOWN } from './panels';
import { DETAIL_RANGE, OVERVIEW_RANGE, demoSpecs } from './support/demo';
import { expect, hostPath, panel, test } from './support/fixtures';

const GATEWAY_TIMEOUT = 'HTTP 504 Gateway Timeout: upstream request timeout';
const behindTimeout = { [APP_DATASOURCE_PARAM]: HOST_TIMING_OUT_DATASOURCE.uid };

test('the overview shows a proxy’s 504 in every row of the failed request', async ({ page }) => {
  await page.goto(hostPath(`${APP_ROUTE}/slos`, 'dark', OVERVIEW_RANGE, behindTimeout));
  const table = page.getByRole('table', { name: 'Service level objectives' });
  await expect(table.getByTestId(/^slo-row-/)).toHaveCount(demoSpecs().length);
  for (const spec of demoSpecs()) {
    const row = page.getByTestId(`slo-row-${spec.id}`);
    await expect(row.getByRole('cell').first(), `state of ${spec.id}`).toHaveText('Error');
    await expect(row, `message of ${spec.id}`).toContainText(GATEWAY_TIMEOUT);
  }
  await expect(page.getByText('No data', { exact: true })).toHaveCount(0);
});

test('the overview names an unknown data source in every row', async ({ page }) => {
  await page.goto(
    hostPath(`${APP_ROUTE}/slos`, 'dark', OVERVIEW_RANGE, { [APP_DATASOURCE_PARAM]: 'no-such-prometheus' })
  );
  for (const spec of demoSpecs()) {
    await expect(page.getByTestId(`slo-row-${spec.id}`), spec.id).toContainText(
      'Datasource no-such-prometheus was not found'
    );
  }
});

test('the detail page shows the failure where it would show the SLO', async ({ page }) => {
  await page.goto(hostPath(`${APP_ROUTE}/slos/apiserver-read-availability`, 'dark', DETAIL_RANGE, behindTimeout));
  for (const region of ['Status', 'Error budget burndown', 'Where is it burning']) {
    await expect(page.getByRole('region', { name: region }), region).toContainText(GATEWAY_TIMEOUT);
  }
});

test('a panel on an SLO shows the failure, a panel on its own queries is unaffected', async ({ page }) => {
  const range = { from: DETAIL_RANGE.to - 7 * 86400, to: DETAIL_RANGE.to };
  await page.goto(hostPath(`${PANELS_ROUTE}/burndown`, 'dark', range, behindTimeout));
  const slo = panel(page, APISERVER_SLO_BURNDOWN.title);
  await expect(slo.getByTestId('sloburn-panel-notice')).toContainText('Query error');
  await expect(slo.getByTestId('sloburn-panel-notice')).toContainText(GATEWAY_TIMEOUT);
  await expect(panel(page, CHECKOUT_WEEK_BURNDOWN.title).getByTestId('sloburn-budget-remaining')).toBeVisible();
});
