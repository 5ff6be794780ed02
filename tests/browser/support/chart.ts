/**
 * Reading the burndown chart the way a user does (the tooltip under the cursor) and the way it is
 * drawn (pixels of uPlot's canvas), so that the specs check what is on screen, not only the DOM.
 */
import type { Locator, Page } from '@playwright/test';
import type { BurndownResult } from '../../../src/domain';

/** Where uPlot plots: its `.u-over` layer covers exactly the plotting area of the canvas. */
export async function plotArea(chart: Locator) {
  const box = await chart.locator('.u-over').boundingBox();
  if (!box) {
    throw new Error('the burndown chart has no plotting area (.u-over): uPlot did not draw');
  }
  return box;
}

/** The chart's x scale: from the first to the last time of its three lines (Unix seconds). */
export function timeScale(burndown: BurndownResult): { from: number; to: number } {
  const times = [...burndown.series, ...burndown.ideal, ...burndown.projection].map((point) => point.time);
  return { from: Math.min(...times), to: Math.max(...times) };
}

/** The chart's y scale: 0 % and 100 % always shown, and whatever the lines reach, with 5 % room. */
export function valueScale(burndown: BurndownResult): { low: number; high: number } {
  const values = [...burndown.series, ...burndown.ideal, ...burndown.projection].map((point) => point.remaining);
  const low = Math.min(0, ...values);
  const high = Math.max(1, ...values);
  const pad = (high - low) * 0.05;
  return { low: low - pad, high: high + pad };
}

export interface TooltipReading {
  /** Unix seconds, from the tooltip's time. */
  time: number;
  remaining: number;
  ideal: number;
}

/** Hovers the chart at `time` and reads the tooltip: remaining budget and ideal line there, in fractions. */
export async function hoverAt(page: Page, chart: Locator, time: number, scale: { from: number; to: number }) {
  const area = await plotArea(chart);
  const x = area.x + ((time - scale.from) / (scale.to - scale.from)) * area.width;
  await page.mouse.move(x, area.y + area.height / 2);
  const tooltip = page.getByTestId('sloburn-burndown-tooltip');
  await tooltip.waitFor();
  const header = (await tooltip.locator('div').first().innerText()).trim();
  const terms = await tooltip.locator('dt').allInnerTexts();
  const values = await tooltip.locator('dd').allInnerTexts();
  const valueOf = (term: string) => {
    const index = terms.findIndex((text) => text.trim() === term);
    if (index < 0) {
      throw new Error(`the tooltip has no "${term}": ${terms.join(', ')}`);
    }
    return Number(values[index].replace('%', '')) / 100;
  };
  return {
    time: Date.parse(`${header.replace(' ', 'T')}Z`) / 1000,
    remaining: valueOf('Remaining'),
    ideal: valueOf('Ideal'),
  } satisfies TooltipReading;
}

/**
 * The value the chart drew for the line of `color` at `time`: the middle of the opaque pixels of that
 * colour in the canvas column there, mapped back through the value scale. Null if the column has none.
 */
export async function drawnValueAt(
  chart: Locator,
  time: number,
  color: string,
  scales: { x: { from: number; to: number }; y: { low: number; high: number } }
): Promise<number | null> {
  const fraction = (time - scales.x.from) / (scales.x.to - scales.x.from);
  const rows = await chart.evaluate(
    (root, { fraction: at, color: wanted }) => {
      const canvas = root.querySelector('canvas')!;
      const over = root.querySelector('.u-over')!;
      const canvasBox = canvas.getBoundingClientRect();
      const overBox = over.getBoundingClientRect();
      const ratio = canvas.width / canvasBox.width;
      const x = Math.round((overBox.left - canvasBox.left + at * overBox.width) * ratio);
      const top = Math.round((overBox.top - canvasBox.top) * ratio);
      const height = Math.round(overBox.height * ratio);
      const [r, g, b] = wanted.match(/\d+/g)!.map(Number);
      const pixels = canvas.getContext('2d')!.getImageData(x, top, 1, height).data;
      const hits: number[] = [];
      for (let row = 0; row < height; row++) {
        const [pr, pg, pb, pa] = pixels.slice(row * 4, row * 4 + 4);
        if (pa > 180 && Math.abs(pr - r) + Math.abs(pg - g) + Math.abs(pb - b) < 60) {
          hits.push(row / height);
        }
      }
      return hits;
    },
    { fraction, color }
  );
  if (rows.length === 0) {
    return null;
  }
  const middle = (Math.min(...rows) + Math.max(...rows)) / 2;
  return scales.y.high - middle * (scales.y.high - scales.y.low);
}

/** The colour of a legend item's line, e.g. "rgb(87, 148, 242)". */
export async function legendColor(chart: Locator, label: string): Promise<string> {
  return chart
    .getByText(label, { exact: true })
    .locator('span')
    .first()
    .evaluate((line) => getComputedStyle(line).borderTopColor);
}
