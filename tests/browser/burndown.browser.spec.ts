import { PANELS_ROUTE } from './host/constants';
import { APISERVER_SLO_BURNDOWN, CHECKOUT_WEEK_BURNDOWN } from './panels';
import { drawnValueAt, hoverAt, legendColor, timeScale, valueScale } from './support/chart';
import { DEMO_END_DEFAULT, TIMELINE, iso, panelBurndownReference, valuesAt } from './support/demo';
import { THEMES, expect, expectTheme, hostPath, panel, saveScreenshot, test } from './support/fixtures';

const HOUR = 3600;
/** Monday 2026-10-26 00:00 UTC to the end of the demo data (Sunday midnight): one calendar week so far. */
const WEEK = { from: Date.UTC(2026, 9, 26) / 1000, to: DEMO_END_DEFAULT };
/** Hours either side of a crossing where the two lines are compared. */
const MARGIN_HOURS = 3;

/**
 * The checkout burndown over the week of the checkout slow burn, from the panel's own queries (as in
 * the example dashboard), at the step Grafana gives them: 1h (the panel's min interval; 6 days over
 * 1000 points is less).
 */
function weekReference() {
  return panelBurndownReference({
    queries: CHECKOUT_WEEK_BURNDOWN.queries,
    step: HOUR,
    range: WEEK,
    objectivePercent: 99.9,
    period: { calendar: 'week', timezone: 'UTC' },
  });
}

test.describe('burndown panel', () => {
  test(`draws the budget falling below the ideal line during the checkout slow burn (${iso(
    TIMELINE.incidents.checkoutSlowBurn.start
  )} for 30 h)`, async ({ page }) => {
    const reference = await weekReference();
    // What the demo data says: below the ideal line during the slow burn, and back above it later in
    // the week, once the ideal line has come down to where the budget stayed.
    const [down, up] = reference.crossings.filter((crossing) => crossing.before > WEEK.from);
    expect(down.direction).toBe('below');
    expect(down.after).toBeGreaterThan(TIMELINE.incidents.checkoutSlowBurn.start);
    expect(down.after).toBeLessThanOrEqual(TIMELINE.incidents.checkoutSlowBurn.end);
    expect(up?.direction).toBe('above');

    await page.goto(hostPath(`${PANELS_ROUTE}/burndown`, 'dark', WEEK));
    const chart = panel(page, CHECKOUT_WEEK_BURNDOWN.title).getByTestId('sloburn-burndown-chart');
    await expect(chart.locator('canvas')).toBeVisible();
    const bigNumber = await chart.getByTestId('sloburn-budget-remaining').innerText();
    const shown = Number(bigNumber.replace('%', '')) / 100;
    expect(Math.abs(shown - reference.burndown.current!), `the remaining budget shown, ${bigNumber}`).toBeLessThan(
      0.001
    );
    const scales = { x: timeScale(reference.burndown), y: valueScale(reference.burndown) };

    // The tooltip a user reads either side of each crossing: uPlot's data there is the engine's.
    const before = down.before - MARGIN_HOURS * HOUR;
    const after = down.after + MARGIN_HOURS * HOUR;
    for (const [time, above] of [
      [before, true],
      [after, false],
      [up.before - MARGIN_HOURS * HOUR, false],
      [up.after, true],
    ] as const) {
      const read = await hoverAt(page, chart, time, scales.x);
      expect(iso(read.time), 'the hovered point').toBe(iso(time));
      const engine = valuesAt(reference.burndown, time);
      expect(read.remaining, `remaining budget at ${iso(time)}`).toBeCloseTo(engine.remaining, 2);
      expect(read.ideal, `ideal line at ${iso(time)}`).toBeCloseTo(engine.ideal, 2);
      expect(read.remaining > read.ideal, `remaining above the ideal line at ${iso(time)}`).toBe(above);
    }
    await page.mouse.move(0, 0);

    // The pixels: the remaining-budget line is drawn above the ideal line before the slow burn's
    // crossing and below it after, at the engine's values (within 2 % of the axis).
    const color = await legendColor(chart, 'Remaining budget');
    for (const [time, above] of [
      [before, true],
      [after, false],
    ] as const) {
      const drawn = await drawnValueAt(chart, time, color, scales);
      const engine = valuesAt(reference.burndown, time);
      expect(drawn, `a remaining-budget line drawn at ${iso(time)}`).not.toBeNull();
      expect(Math.abs(drawn! - engine.remaining), `drawn remaining budget at ${iso(time)}`).toBeLessThan(0.02);
      expect(drawn! > engine.ideal, `drawn above the ideal line at ${iso(time)}`).toBe(above);
    }
  });

  for (const theme of THEMES) {
    test(`with data, in the ${theme} theme`, async ({ page }) => {
      await page.goto(hostPath(`${PANELS_ROUTE}/burndown`, theme, WEEK));
      await expectTheme(page, theme);
      const fromQueries = panel(page, CHECKOUT_WEEK_BURNDOWN.title);
      await expect(fromQueries.getByTestId('sloburn-burndown-chart').locator('canvas')).toBeVisible();
      await expect(fromQueries).toContainText('error budget remaining · calendar week (UTC)');
      const fromSlo = panel(page, APISERVER_SLO_BURNDOWN.title);
      await expect(fromSlo.getByTestId('sloburn-burndown-chart').locator('canvas')).toBeVisible();
      await expect(fromSlo).toContainText('error budget remaining · rolling 30d');
      await saveScreenshot(page, 'burndown-panel', theme);
    });
  }
});
