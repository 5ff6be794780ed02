import { formatDuration } from '../../src/domain';
import { APP_ROUTE } from './host/constants';
import { OVERVIEW_RANGE, STATUS_TEXT, demoSpecs, expectedOverviewRows, iso } from './support/demo';
import { THEMES, expect, expectTheme, hostPath, saveScreenshot, test } from './support/fixtures';

const OVERVIEW = `${APP_ROUTE}/slos`;

for (const theme of THEMES) {
  test.describe(`SLO overview (${theme} theme)`, () => {
    test(`lists every demo SLO with its state during the Calico outage (to ${iso(OVERVIEW_RANGE.to)})`, async ({
      page,
    }) => {
      const expected = await expectedOverviewRows(OVERVIEW_RANGE);
      await page.goto(hostPath(OVERVIEW, theme, OVERVIEW_RANGE));
      await expectTheme(page, theme);

      const table = page.getByRole('table', { name: 'Service level objectives' });
      await expect(table.getByTestId(/^slo-row-/)).toHaveCount(demoSpecs().length);

      // The API server read SLO pages: its 1h/5m pair fires (and 6h/30m with it).
      const apiserver = page.getByTestId('slo-row-apiserver-read-availability');
      await expect(apiserver.getByRole('cell').first()).toHaveText('Page');
      await expect(apiserver).toContainText('page 1h/5m > 14.4×');
      await expect(apiserver).toContainText('page 6h/30m > 6×');

      // Every row with the state, budget and firing pairs the engine gives for the same data in Node.
      for (const row of expected) {
        const line = page.getByTestId(`slo-row-${row.id}`);
        await expect(line.getByRole('cell').first(), `state of ${row.id}`).toHaveText(STATUS_TEXT[row.status]);
        await expect(line, `name of ${row.id}`).toContainText(row.name);
        if (row.budgetRemaining !== null) {
          await expect(
            line.getByRole('meter', { name: 'Error budget remaining' }),
            `budget of ${row.id}`
          ).toHaveAttribute('aria-valuenow', String(Math.round(row.budgetRemaining * 100)));
        }
        for (const pair of row.firing) {
          const windows = `${formatDuration(pair.long)}/${formatDuration(pair.short)}`;
          await expect(line).toContainText(`${pair.severity} ${windows} > ${pair.factor}×`);
        }
      }

      // The summary tiles count what the rows show.
      const tile = (label: string) => page.getByTestId(`summary-${label}`);
      const count = (predicate: (row: (typeof expected)[number]) => boolean) =>
        String(expected.filter(predicate).length);
      await expect(tile('SLOs')).toContainText(String(expected.length));
      await expect(tile('Page alerts firing')).toContainText(
        count((row) => row.firing.some((p) => p.severity === 'page'))
      );
      await expect(tile('Page alerts firing')).toContainText('1');
      await expect(tile('Ticket alerts firing')).toContainText(
        count((row) => row.firing.some((p) => p.severity === 'ticket'))
      );
      await expect(tile('Budgets exhausted')).toContainText(
        count((row) => row.budgetRemaining !== null && row.budgetRemaining <= 0)
      );
      await expect(tile('Without data')).toContainText(
        count((row) => row.status === 'no-data' || row.status === 'error')
      );

      // Grafana would have run every planned query at the step its plan asked for.
      const queries = await page.evaluate(
        () =>
          (window as unknown as { __sloburnHost: { queries: Array<{ step: number; minStep: number | null }> } })
            .__sloburnHost.queries
      );
      expect(queries.length).toBeGreaterThan(0);
      expect(queries.filter((query) => query.minStep !== null && query.step !== query.minStep)).toEqual([]);

      await saveScreenshot(page, 'overview', theme);
    });
  });
}

test('the app’s own URL opens the overview, with the time range it was given', async ({ page }) => {
  await page.goto(hostPath(APP_ROUTE, 'dark', OVERVIEW_RANGE));
  await expect(page).toHaveURL((url) => url.pathname === OVERVIEW);
  await expect(page.getByTestId('slo-row-apiserver-read-availability').getByRole('cell').first()).toHaveText('Page');
});
