import { render, screen } from '@testing-library/react';
import React from 'react';
import { createTheme } from '@grafana/data';
import { type BurndownResult, burndown } from '../../domain';
import { bucketsBetween } from '../../domain/testing/buckets';
import { BurndownChart } from './BurndownChart';
import { BurndownTooltip } from './BurndownTooltip';
import { formatHumanDuration, formatPercent } from '../format';
import { SERIES, alignBurndown, burndownColors, burndownPlotConfig, remainingRange } from './plotConfig';
import { summarizeBurndown } from './summary';

const DAY = 86400;
const NOW = 1793491200;

/** 30 days of 1000 requests an hour with `badPerHour` errors, at 99.9 % over a rolling 30 days. */
function rollingBurndown(badPerHour: number, objectivePercent = 99.9): BurndownResult {
  const buckets = bucketsBetween(NOW - 30 * DAY, NOW, 3600, () => ({ bad: badPerHour, total: 1000 }));
  return burndown(buckets, { objectivePercent, period: { rolling: '30d' }, now: NOW, rollingView: 'window' });
}

describe('BurndownChart', () => {
  it('shows the remaining budget as a big number with the projection in words, and draws the plot', () => {
    // Half the budget rate: 0.05 % errors against 0.1 % allowed.
    render(<BurndownChart burndown={rollingBurndown(0.5)} width={600} height={300} periodLabel="rolling 30d" />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
    expect(screen.getByText('error budget remaining · rolling 30d')).toBeInTheDocument();
    expect(screen.getByText(/burning at 0\.5×: exhausted in 30d/)).toBeInTheDocument();
    expect(screen.getByTestId('uplot-main-div')).toBeInTheDocument();
    expect(screen.getByText('Ideal (constant burn)')).toBeInTheDocument();
    expect(screen.getByText('Projection')).toBeInTheDocument();
    expect(screen.getByText('Overspent')).toBeInTheDocument();
    expect(screen.getByRole('group', { name: /Error budget burndown: 50% remaining/ })).toBeInTheDocument();
  });

  it('says when the budget is overspent', () => {
    render(<BurndownChart burndown={rollingBurndown(3)} width={600} height={300} />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('-200%');
    expect(screen.getByText('budget overspent by 200%')).toBeInTheDocument();
  });

  it('keeps only the big number when there is no room for the plot', () => {
    render(<BurndownChart burndown={rollingBurndown(0.5)} width={300} height={100} />);
    expect(screen.getByTestId('sloburn-budget-remaining')).toHaveTextContent('50%');
    expect(screen.queryByTestId('uplot-main-div')).not.toBeInTheDocument();
  });

  it('draws nothing but says so when the period has no events yet', () => {
    const empty = burndown([], { objectivePercent: 99.9, period: { rolling: '30d' }, now: NOW, rollingView: 'window' });
    render(<BurndownChart burndown={empty} width={600} height={300} />);
    expect(screen.getByText('no events in the period yet')).toBeInTheDocument();
  });
});

describe('BurndownTooltip', () => {
  const colors = burndownColors(createTheme());

  it('shows the time, the remaining and the burned budget', () => {
    render(
      <BurndownTooltip
        time={NOW * 1000}
        remaining={0.624}
        ideal={0.7}
        projected={null}
        colors={colors}
        timeZone="utc"
      />
    );
    expect(screen.getByText('2026-11-01 00:00:00')).toBeInTheDocument();
    expect(screen.getByText('Remaining').nextSibling).toHaveTextContent('62.4%');
    expect(screen.getByText('Burned').nextSibling).toHaveTextContent('37.6%');
    expect(screen.getByText('Ideal').nextSibling).toHaveTextContent('70%');
  });

  it('labels projected points as such', () => {
    render(<BurndownTooltip time={NOW * 1000} remaining={null} ideal={null} projected={0.2} colors={colors} />);
    expect(screen.getByText('Projected remaining').nextSibling).toHaveTextContent('20%');
    expect(screen.getByText('Burned').nextSibling).toHaveTextContent('80%');
    expect(screen.queryByText('Ideal')).not.toBeInTheDocument();
  });
});

describe('plot data and configuration', () => {
  it('puts the three lines on one millisecond time axis', () => {
    const result = rollingBurndown(0.5);
    const data = alignBurndown(result);
    expect(data).toHaveLength(4);
    expect(data[0][0]).toBe((NOW - 30 * DAY) * 1000);
    expect(data[SERIES.remaining][0]).toBe(1);
    // The projection starts at now and has no value before.
    const nowIndex = (data[0] as number[]).indexOf(NOW * 1000);
    expect(data[SERIES.projection][nowIndex]).toBeCloseTo(0.5, 9);
    expect(data[SERIES.projection][0]).toBeNull();
    expect(remainingRange(data)[0]).toBeLessThan(0);
    expect(remainingRange(data)[1]).toBeGreaterThan(1);
  });

  it('configures a zero line and overspent area in the error colour, and a dashed projection', () => {
    const theme = createTheme();
    const config = burndownPlotConfig(alignBurndown(rollingBurndown(0.5)), theme, 'utc').getConfig();
    expect(config.series).toHaveLength(4);
    expect(config.series[SERIES.projection].dash).toEqual([8, 6]);
    expect(config.hooks?.drawClear).toHaveLength(1);
    expect(config.axes?.map((axis) => axis.scale)).toEqual(['x', 'remaining']);
  });
});

describe('summaries and formats', () => {
  it('names exhaustion of a calendar period only when it falls inside the period', () => {
    const buckets = bucketsBetween(NOW, NOW + 10 * DAY, 3600, () => ({ bad: 2, total: 1000 }));
    const result = burndown(buckets, {
      objectivePercent: 99.9,
      period: { calendar: 'month', timezone: 'UTC' },
      now: NOW + 10 * DAY,
    });
    expect(summarizeBurndown(result).detail).toMatch(/^burning at 2×: exhausted in/);
    const slow = burndown(
      bucketsBetween(NOW, NOW + 10 * DAY, 3600, () => ({ bad: 0.1, total: 1000 })),
      { objectivePercent: 99.9, period: { calendar: 'month', timezone: 'UTC' }, now: NOW + 10 * DAY }
    );
    expect(summarizeBurndown(slow).detail).toBe('burning at 0.1×: lasts until the period ends');
  });

  it('formats percentages and durations for reading at a glance', () => {
    expect([0.624, 0.0144, 0.02, -0.5, 1].map((value) => formatPercent(value))).toEqual([
      '62.4%',
      '1.44%',
      '2%',
      '-50%',
      '100%',
    ]);
    expect([51.84, 295.68, 7178.4, 50 * 3600, 30 * DAY, 2.5].map(formatHumanDuration)).toEqual([
      '52s',
      '4m 56s',
      '2h',
      '2d 2h',
      '30d',
      '2.5s',
    ]);
  });
});
