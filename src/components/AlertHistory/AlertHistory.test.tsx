import React from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import type { AlertWindow, BacktestEpisode, BacktestResult, PairBacktest } from '../../domain';
import { AlertHistory } from './AlertHistory';

const HOUR = 3600;
/** 2026-10-30 00:00 UTC. */
const DAY_START = 1793318400;
const FROM = DAY_START - 30 * 24 * HOUR;
const TO = DAY_START + 12 * HOUR;

const fastPage: AlertWindow = {
  severity: 'page',
  longSeconds: HOUR,
  shortSeconds: 300,
  factor: 14.4,
  budgetPercent: 2,
};
const slowPage: AlertWindow = {
  severity: 'page',
  longSeconds: 6 * HOUR,
  shortSeconds: 1800,
  factor: 6,
  budgetPercent: 5,
};
const dayTicket: AlertWindow = {
  severity: 'ticket',
  longSeconds: 24 * HOUR,
  shortSeconds: 2 * HOUR,
  factor: 3,
  budgetPercent: 10,
};
const threeDayTicket: AlertWindow = {
  severity: 'ticket',
  longSeconds: 72 * HOUR,
  shortSeconds: 6 * HOUR,
  factor: 1,
  budgetPercent: 10,
};

function episode(start: number, end: number, overrides: Partial<BacktestEpisode> = {}): BacktestEpisode {
  return {
    start,
    end,
    open: false,
    peakLongBurnRate: 39.8,
    peakShortBurnRate: 40.2,
    badEvents: 120,
    budgetConsumed: 0.123,
    pairs: [0],
    ...overrides,
  };
}

function pair(index: number, window: AlertWindow, episodes: BacktestEpisode[], heldBack = 0): PairBacktest {
  const longest = episodes.reduce<BacktestEpisode | null>(
    (best, current) => (best === null || current.end - current.start > best.end - best.start ? current : best),
    null
  );
  return {
    index,
    window,
    thresholdRatio: (window.factor * 0.1) / 100,
    insufficientTrafficSeconds: heldBack,
    episodes,
    count: episodes.length,
    firingSeconds: episodes.reduce((sum, current) => sum + current.end - current.start, 0),
    longest,
  };
}

// The fast page pair fired twice (10:25–12:10, and again from 11:50, still firing at the end of the
// range); the slow one once, overlapping both; their union is one page episode. The 1-day ticket pair
// never fired but the guard held it back for 90 minutes; the 3-day one comes with a problem, unevaluated.
const fastEpisodes = [
  episode(DAY_START + 10 * HOUR + 25 * 60, DAY_START + 11 * HOUR + 20 * 60),
  episode(DAY_START + 11 * HOUR + 50 * 60, TO, { open: true, peakLongBurnRate: 52, peakShortBurnRate: 61.5 }),
];
const slowEpisode = episode(DAY_START + 10 * HOUR + 40 * 60, TO, {
  open: true,
  peakLongBurnRate: 8.2,
  peakShortBurnRate: 20,
  pairs: [1],
});
const pageUnion = episode(DAY_START + 10 * HOUR + 25 * 60, TO, {
  open: true,
  peakLongBurnRate: 52,
  peakShortBurnRate: 61.5,
  badEvents: 4000,
  budgetConsumed: 0.412,
  pairs: [0, 1],
});

function result(overrides: Partial<BacktestResult> = {}): BacktestResult {
  const pairs = [pair(0, fastPage, fastEpisodes), pair(1, slowPage, [slowEpisode]), pair(2, dayTicket, [], 5400)];
  return {
    from: FROM,
    to: TO,
    stepSeconds: 300,
    evaluations: 8785,
    pairs,
    severities: {
      page: {
        severity: 'page',
        episodes: [pageUnion],
        count: 1,
        firingSeconds: pageUnion.end - pageUnion.start,
        longest: pageUnion,
      },
      ticket: { severity: 'ticket', episodes: [], count: 0, firingSeconds: 0, longest: null },
    },
    problems: [
      {
        index: 3,
        window: threeDayTicket,
        kind: 'never-fires',
        pair: 'ticket 3d/6h',
        message: 'threshold 144% can never be reached at objective 90',
      },
    ],
    ...overrides,
  };
}

function cells(testId: string): string[] {
  return within(screen.getByTestId(testId))
    .getAllByRole('cell')
    .map((cell) => cell.textContent ?? '');
}

describe('AlertHistory', () => {
  it('shows one row per severity and per pair with episodes, firing time, longest episode and time held back', () => {
    render(<AlertHistory result={result()} timeZone="utc" />);
    const rows = screen.getAllByRole('row').slice(1);
    expect(rows.map((row) => row.getAttribute('data-testid'))).toEqual([
      'alert-history-page',
      'alert-history-page-1h/5m',
      'alert-history-page-6h/30m',
      'alert-history-ticket',
      'alert-history-ticket-1d/2h',
      'alert-history-ticket-3d/6h',
    ]);
    // Episodes, firing, longest, held back.
    expect(cells('alert-history-page-1h/5m').slice(0, 4)).toEqual(['2', '1h 5m', '55m', 'none']);
    expect(cells('alert-history-page').slice(0, 4)).toEqual(['1', '1h 35m', '1h 35m', '—']);
    expect(cells('alert-history-ticket-1d/2h').slice(0, 5)).toEqual(['0', '—', '—', '1h 30m', 'none']);
    expect(screen.getByTestId('alert-history-page-1h/5m')).toHaveTextContent(
      '1h/5m at 14.4× (error ratio above 1.44%)'
    );
  });

  it('lists each episode with its start and end, peak burn rates and budget consumed', () => {
    render(<AlertHistory result={result()} timeZone="utc" />);
    const fast = within(screen.getByTestId('alert-history-page-1h/5m')).getAllByTestId('alert-history-episode');
    expect(fast.map((item) => item.textContent)).toEqual([
      '2026-10-30 10:25 → 11:2055m · peak 39.8× long, 40.2× short · 12.3% of the budget',
      '2026-10-30 11:50 → still firing10m so far · peak 52× long, 61.5× short · 12.3% of the budget',
    ]);
    // A severity's episode names the pairs that fired during it.
    expect(within(screen.getByTestId('alert-history-page')).getByTestId('alert-history-episode')).toHaveTextContent(
      '2026-10-30 10:25 → still firing1h 35m so far · peak 52× long, 61.5× short · 41.2% of the budget · 1h/5m, 6h/30m'
    );
  });

  it('shows why a pair that can never fire was not evaluated, instead of figures', () => {
    render(<AlertHistory result={result()} timeZone="utc" />);
    expect(cells('alert-history-ticket-3d/6h')).toEqual([
      'Not evaluated: threshold 144% can never be reached at objective 90.',
    ]);
  });

  it('says so when no pair of a severity can fire', () => {
    const noTickets = result({
      pairs: result().pairs.slice(0, 2),
      problems: [
        { index: 2, window: dayTicket, kind: 'never-fires', pair: 'ticket 1d/2h', message: 'threshold 300% …' },
        { index: 3, window: threeDayTicket, kind: 'never-fires', pair: 'ticket 3d/6h', message: 'threshold 100% …' },
      ],
    });
    render(<AlertHistory result={noTickets} timeZone="utc" />);
    expect(cells('alert-history-ticket')).toEqual(['No ticket pair can fire.']);
  });

  it('gives a clicked episode to onEpisodeClick', () => {
    const onEpisodeClick = jest.fn();
    render(<AlertHistory result={result()} timeZone="utc" onEpisodeClick={onEpisodeClick} />);
    fireEvent.click(
      screen.getByRole('button', {
        name: 'page 6h/30m: 2026-10-30 10:40 → still firing, 1h 20m so far · peak 8.2× long, 20× short · 12.3% of the budget',
      })
    );
    expect(onEpisodeClick).toHaveBeenCalledTimes(1);
    expect(onEpisodeClick).toHaveBeenCalledWith(slowEpisode);
  });

  it('lists episodes as text, not buttons, without onEpisodeClick', () => {
    render(<AlertHistory result={result()} timeZone="utc" />);
    expect(screen.getAllByTestId('alert-history-episode')).toHaveLength(4);
    expect(screen.queryAllByRole('button')).toHaveLength(0);
  });

  it('says plainly that no pair would have fired in the range', () => {
    const quiet = result({
      pairs: [pair(0, fastPage, []), pair(1, slowPage, [])],
      severities: {
        page: { severity: 'page', episodes: [], count: 0, firingSeconds: 0, longest: null },
        ticket: { severity: 'ticket', episodes: [], count: 0, firingSeconds: 0, longest: null },
      },
      problems: [],
    });
    render(<AlertHistory result={quiet} timeZone="utc" />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'No pair would have fired between 2026-09-30 00:00 and 2026-10-30 12:00.'
    );
    expect(cells('alert-history-page-1h/5m')[4]).toBe('none');
  });

  it('keeps long lists short until asked', () => {
    const many = Array.from({ length: 8 }, (_, i) => episode(FROM + i * 2 * HOUR, FROM + i * 2 * HOUR + HOUR));
    render(<AlertHistory result={result({ pairs: [pair(0, fastPage, many)] })} timeZone="utc" maxEpisodesPerRow={3} />);
    const row = screen.getByTestId('alert-history-page-1h/5m');
    expect(within(row).getAllByTestId('alert-history-episode')).toHaveLength(3);
    fireEvent.click(within(row).getByRole('button', { name: 'Show all 8' }));
    expect(within(row).getAllByTestId('alert-history-episode')).toHaveLength(8);
  });

  it('says when the range is empty', () => {
    render(<AlertHistory result={result({ evaluations: 0, from: TO, to: TO })} timeZone="utc" />);
    expect(screen.getByRole('status')).toHaveTextContent(
      'Nothing to backtest: the range from 2026-10-30 12:00 to 2026-10-30 12:00 is empty.'
    );
  });
});
