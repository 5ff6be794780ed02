import { dataTable } from '../tableStyles';
import { css, cx } from '@emotion/css';
import React, { useId, useMemo } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, IconButton, RadioButtonGroup, Tooltip, useStyles2 } from '@grafana/ui';
import type { BacktestResult, CalculatorRow, EpisodeSummary, PairState, Severity } from '../../domain';
import { formatBurnRate, formatCount, formatHumanDuration, formatPercent } from '../format';
import { CommitInput } from './CommitInput';
import {
  type CalculatorEvaluation,
  type CalculatorField,
  type CalculatorInput,
  type CalculatorWindowInput,
  defaultWindowInputs,
  evaluateCalculatorInput,
} from './calculatorInput';

/** The current state of one window pair, from live data (same order as the input's windows). */
export interface LivePairState {
  longBurnRate: number | null;
  shortBurnRate: number | null;
  firing: boolean;
  /** The pair's state, when known: it tells a pair the low-traffic guard holds back from one that is OK. */
  state?: PairState;
  /** True when a window is only partly covered by data, so its burn rate is an estimate. */
  partial?: boolean;
}

export interface CalculatorLive {
  pairs: LivePairState[];
}

/**
 * What the windows as entered would have done with an SLO's real data (its backtest over `rangeLabel`),
 * shown beside each window and per severity; or why there is nothing to show yet.
 */
export type CalculatorBacktestView = { rangeLabel: string } & (
  | { kind: 'loading' }
  | { kind: 'error'; message: string }
  | { kind: 'invalid' }
  | { kind: 'ready'; result: BacktestResult }
);

export interface BurnRateCalculatorProps {
  value: CalculatorInput;
  /** Without it the calculator is read-only (e.g. when its inputs come from an SLO). */
  onChange?: (value: CalculatorInput) => void;
  /** Current burn rates and states from data, shown beside each pair's threshold. */
  live?: CalculatorLive | null;
  /**
   * The backtest of the windows as entered, from an SLO's data: adds the low-traffic guard to the inputs
   * and what each window (and each severity) would have done to the table.
   */
  backtest?: CalculatorBacktestView | null;
  /** Denser layout for panels. */
  compact?: boolean;
}

const SEVERITY_OPTIONS: Array<{ label: string; value: Severity }> = [
  { label: 'page', value: 'page' },
  { label: 'ticket', value: 'ticket' },
];

/**
 * Objective, period and the alert-window table with what each pair means: factor, error-ratio
 * threshold, budget consumed when it fires, time to exhaustion at that rate, detection time at 100 %
 * errors and reset time. All numbers come from the engine (`calculatorRows`).
 */
export function BurnRateCalculator({ value, onChange, live, backtest, compact = false }: BurnRateCalculatorProps) {
  const styles = useStyles2(getStyles);
  const idPrefix = useId();
  const evaluation = useMemo(() => evaluateCalculatorInput(value), [value]);
  const editable = onChange !== undefined;
  const update = (next: Partial<CalculatorInput>) => onChange?.({ ...value, ...next });
  const updateWindow = (index: number, next: CalculatorWindowInput) =>
    update({ windows: value.windows.map((window, i) => (i === index ? next : window)) });
  const problem = (field: CalculatorField) => evaluation.problems[field] ?? null;

  return (
    <div className={cx(styles.container, compact && styles.compact)} data-testid="sloburn-burnrate-calculator">
      <div className={styles.inputs}>
        <div className={styles.field}>
          <label htmlFor={`${idPrefix}-objective`} className={styles.label}>
            Objective
          </label>
          {editable ? (
            <CommitInput
              id={`${idPrefix}-objective`}
              value={String(value.objective)}
              width={14}
              inputMode="decimal"
              suffix="%"
              error={problem('objective')}
              onCommit={(text) => {
                const objective = parseNumber(text);
                if (objective === null) {
                  return `"${text}" is not a number`;
                }
                update({ objective });
                return null;
              }}
            />
          ) : (
            <span id={`${idPrefix}-objective`} className={styles.readOnly}>
              {value.objective}%
            </span>
          )}
        </div>
        <div className={styles.field}>
          <label htmlFor={`${idPrefix}-period`} className={styles.label}>
            Period
          </label>
          {editable ? (
            <CommitInput
              id={`${idPrefix}-period`}
              value={value.period}
              width={14}
              placeholder="30d"
              error={problem('period')}
              onCommit={(text) => {
                update({ period: text.trim() });
                return null;
              }}
            />
          ) : (
            <span id={`${idPrefix}-period`} className={styles.readOnly}>
              {value.period}
            </span>
          )}
        </div>
        {backtest && (
          <div className={styles.field}>
            <label htmlFor={`${idPrefix}-guard`} className={styles.label}>
              <Tooltip content="alerting.minEvents: a pair fires only when its long window holds at least this many events (with time slices: slices). Empty: no guard.">
                <span>Low-traffic guard</span>
              </Tooltip>
            </label>
            {editable ? (
              <CommitInput
                id={`${idPrefix}-guard`}
                value={value.minEvents === undefined ? '' : String(value.minEvents)}
                width={14}
                inputMode="decimal"
                placeholder="none"
                suffix="events"
                error={problem('minEvents')}
                onCommit={(text) => {
                  if (text.trim() === '') {
                    const { minEvents: _minEvents, ...unguarded } = value;
                    onChange?.(unguarded);
                    return null;
                  }
                  const minEvents = parseNumber(text);
                  if (minEvents === null) {
                    return `"${text}" is not a number`;
                  }
                  update({ minEvents });
                  return null;
                }}
              />
            ) : (
              <span id={`${idPrefix}-guard`} className={styles.readOnly}>
                {value.minEvents === undefined ? 'none' : formatCount(value.minEvents)}
              </span>
            )}
          </div>
        )}
        {editable && (
          <div className={styles.actions}>
            <Button
              size="sm"
              variant="secondary"
              icon="plus"
              onClick={() =>
                update({
                  windows: [...value.windows, { severity: 'ticket', long: '3d', short: '6h', budgetPercent: 10 }],
                })
              }
            >
              Add window
            </Button>
            <Button
              size="sm"
              variant="secondary"
              icon="history"
              onClick={() => update({ windows: defaultWindowInputs() })}
            >
              SRE workbook windows
            </Button>
          </div>
        )}
      </div>
      {evaluation.summary && (
        <Alert severity="error" title="Cannot compute the alert windows" className={styles.alert}>
          {evaluation.summary}
        </Alert>
      )}
      {backtest?.kind === 'error' && (
        <Alert severity="error" title="Cannot read the SLO's data for the backtest" className={styles.alert}>
          {backtest.message}
        </Alert>
      )}
      <div className={styles.tableWrapper}>
        <table className={styles.table} aria-label="Alert windows">
          <thead>
            <tr>
              <th scope="col">Severity</th>
              <th scope="col">Long</th>
              <th scope="col">Short</th>
              <th scope="col">Budget %</th>
              <th scope="col">Factor</th>
              <th scope="col">
                <Tooltip content="Both windows must have an error ratio above factor × error budget">
                  <span tabIndex={0}>Error-ratio threshold</span>
                </Tooltip>
              </th>
              <th scope="col">Budget consumed at firing</th>
              <th scope="col">Time to exhaustion</th>
              <th scope="col">Detection at 100% errors</th>
              <th scope="col">Reset time</th>
              {live && (
                <>
                  <th scope="col">Burn rate now (long / short)</th>
                  <th scope="col">State</th>
                </>
              )}
              {backtest && (
                <>
                  <th scope="col">
                    <Tooltip content="Firing episodes each pair would have had with the SLO's data, evaluated every step with the rule of the exported alerts">
                      <span tabIndex={0}>Episodes ({backtest.rangeLabel})</span>
                    </Tooltip>
                  </th>
                  <th scope="col">Firing ({backtest.rangeLabel})</th>
                </>
              )}
              {editable && (
                <th scope="col">
                  <span className={styles.visuallyHidden}>Actions</span>
                </th>
              )}
            </tr>
          </thead>
          <tbody>
            {value.windows.map((window, index) => (
              <WindowRow
                key={index}
                index={index}
                window={window}
                row={evaluation.result?.rows[index] ?? null}
                evaluation={evaluation}
                live={live ? (live.pairs[index] ?? null) : undefined}
                backtest={backtest}
                onChange={editable ? (next) => updateWindow(index, next) : undefined}
                onRemove={
                  editable && value.windows.length > 1
                    ? () => update({ windows: value.windows.filter((_, i) => i !== index) })
                    : undefined
                }
              />
            ))}
          </tbody>
        </table>
      </div>
      {backtest && <SeveritySummary backtest={backtest} />}
    </div>
  );
}

/** Per severity, the union of its pairs' episodes: what would have paged, and what would have opened tickets. */
function SeveritySummary({ backtest }: { backtest: CalculatorBacktestView }) {
  const styles = useStyles2(getStyles);
  if (backtest.kind !== 'ready') {
    return (
      <div
        className={styles.muted}
        data-testid="calculator-backtest-severities"
        aria-busy={backtest.kind === 'loading'}
      >
        {backtest.kind === 'loading'
          ? `Reading the SLO's data for the ${backtest.rangeLabel}…`
          : backtest.kind === 'invalid'
            ? 'No backtest while an input is invalid.'
            : 'No backtest: the data could not be read.'}
      </div>
    );
  }
  const { result } = backtest;
  const line = (severity: Severity) => {
    const summary = result.severities[severity];
    const pairs = result.pairs.filter((pair) => pair.window.severity === severity).length;
    return (
      <span data-testid={`calculator-backtest-${severity}`}>
        <Badge text={severity} color={severity === 'page' ? 'red' : 'orange'} />{' '}
        {pairs === 0 ? 'no pair can fire' : severitySummaryText(summary)}
      </span>
    );
  };
  return (
    <div className={styles.severities} data-testid="calculator-backtest-severities">
      <span className={styles.muted}>Over the {backtest.rangeLabel}, with the SLO&apos;s data:</span>
      {line('page')}
      {line('ticket')}
    </div>
  );
}

/** `2 episodes · 3h 5m firing · longest 2h 45m`, or `never`. */
export function severitySummaryText(summary: EpisodeSummary): string {
  if (summary.count === 0) {
    return 'would never have fired';
  }
  const longest = summary.longest
    ? ` · longest ${formatHumanDuration(summary.longest.end - summary.longest.start)}`
    : '';
  return `${summary.count} ${summary.count === 1 ? 'episode' : 'episodes'} · ${formatHumanDuration(summary.firingSeconds)} firing${longest}`;
}

interface WindowRowProps {
  index: number;
  window: CalculatorWindowInput;
  row: CalculatorRow | null;
  evaluation: CalculatorEvaluation;
  /** undefined: no live columns; null: live columns without data for this pair. */
  live: LivePairState | null | undefined;
  backtest?: CalculatorBacktestView | null;
  onChange?: (window: CalculatorWindowInput) => void;
  onRemove?: () => void;
}

function WindowRow({ index, window, row, evaluation, live, backtest, onChange, onRemove }: WindowRowProps) {
  const styles = useStyles2(getStyles);
  const n = index + 1;
  const problem = (field: 'long' | 'short' | 'budgetPercent' | 'factor' | 'severity') =>
    evaluation.problems[`windows.${index}.${field}`] ??
    (field === 'factor' ? (evaluation.problems[`windows.${index}`] ?? null) : null);
  const resolved = evaluation.result?.windows[index];
  // The driving value as typed; the derived one rounded for reading.
  const budgetText =
    window.factor !== undefined ? derived(resolved?.budgetPercent) : String(window.budgetPercent ?? '');
  const factorText = window.factor !== undefined ? String(window.factor) : derived(resolved?.factor);
  const numberCommit = (apply: (value: number) => CalculatorWindowInput) => (text: string) => {
    const parsed = parseNumber(text);
    if (parsed === null) {
      return `"${text}" is not a number`;
    }
    onChange?.(apply(parsed));
    return null;
  };
  const { factor: _factor, budgetPercent: _budget, ...withoutDriver } = window;

  return (
    <tr className={live?.firing ? styles.firingRow : undefined}>
      <td>
        {onChange ? (
          <RadioButtonGroup
            size="sm"
            options={SEVERITY_OPTIONS}
            value={window.severity}
            onChange={(severity) => onChange({ ...window, severity })}
            aria-label={`Severity, window ${n}`}
          />
        ) : (
          window.severity
        )}
      </td>
      <td>
        {onChange ? (
          <CommitInput
            aria-label={`Long window, window ${n}`}
            value={window.long}
            width={9}
            error={problem('long')}
            onCommit={(text) => {
              onChange({ ...window, long: text.trim() });
              return null;
            }}
          />
        ) : (
          window.long
        )}
      </td>
      <td>
        {onChange ? (
          <CommitInput
            aria-label={`Short window, window ${n}`}
            value={window.short}
            width={9}
            error={problem('short')}
            onCommit={(text) => {
              onChange({ ...window, short: text.trim() });
              return null;
            }}
          />
        ) : (
          window.short
        )}
      </td>
      <td>
        {onChange ? (
          <CommitInput
            aria-label={`Budget percent, window ${n}`}
            value={budgetText}
            width={9}
            inputMode="decimal"
            error={problem('budgetPercent')}
            onCommit={numberCommit((budgetPercent) => ({ ...withoutDriver, budgetPercent }))}
          />
        ) : (
          formatPercent(row ? row.budgetConsumedFraction : null)
        )}
      </td>
      <td>
        {onChange ? (
          <CommitInput
            aria-label={`Factor, window ${n}`}
            value={factorText}
            width={9}
            inputMode="decimal"
            error={problem('factor')}
            onCommit={numberCommit((factor) => ({ ...withoutDriver, factor }))}
          />
        ) : (
          <span data-testid={`factor-${n}`}>{formatBurnRate(row?.factor)}</span>
        )}
      </td>
      <td>{row ? formatPercent(row.thresholdRatio) : '—'}</td>
      <td>{row ? formatPercent(row.budgetConsumedFraction) : '—'}</td>
      <td>{row ? formatHumanDuration(row.exhaustionSeconds) : '—'}</td>
      <td>{row ? row.canFire ? formatHumanDuration(row.detectionSeconds) : <Never /> : '—'}</td>
      <td>{row ? row.canFire ? formatHumanDuration(row.resetSeconds) : <Never /> : '—'}</td>
      {live !== undefined && <LiveCells live={live} row={row} />}
      {backtest && <BacktestCells backtest={backtest} index={index} />}
      {onChange && (
        <td>
          {onRemove && <IconButton name="trash-alt" size="sm" tooltip={`Remove window ${n}`} onClick={onRemove} />}
        </td>
      )}
    </tr>
  );
}

function LiveCells({ live, row }: { live: LivePairState | null; row: CalculatorRow | null }) {
  const styles = useStyles2(getStyles);
  if (!live) {
    return (
      <>
        <td>–</td>
        <td>
          <Badge color="darkgrey" text="No data" />
        </td>
      </>
    );
  }
  const above = (rate: number | null) => row !== null && rate !== null && rate > row.factor;
  const noData = live.longBurnRate === null || live.shortBurnRate === null;
  return (
    <>
      <td>
        <span className={above(live.longBurnRate) ? styles.hot : undefined}>{formatBurnRate(live.longBurnRate)}</span>
        {' / '}
        <span className={above(live.shortBurnRate) ? styles.hot : undefined}>{formatBurnRate(live.shortBurnRate)}</span>
        {row && <span className={styles.muted}> vs {formatBurnRate(row.factor)}</span>}
        {live.partial && (
          <Tooltip content="A window is only partly covered by data: its burn rate is an estimate">
            <span className={styles.muted} tabIndex={0}>
              {' '}
              (partial)
            </span>
          </Tooltip>
        )}
      </td>
      <td>
        {live.firing ? (
          <Badge color="red" icon="fire" text="Firing" />
        ) : live.state === 'insufficient-traffic' ? (
          <Badge
            color="purple"
            text="Insufficient traffic"
            tooltip="Fewer events in the long window than the low-traffic guard asks: neither OK nor firing"
          />
        ) : noData ? (
          <Badge color="darkgrey" text="No data" />
        ) : (
          <Badge color="green" text="OK" />
        )}
      </td>
    </>
  );
}

/** What pair `index` would have done: its episodes (and the time the guard held it back), its firing time. */
function BacktestCells({ backtest, index }: { backtest: CalculatorBacktestView; index: number }) {
  const styles = useStyles2(getStyles);
  if (backtest.kind !== 'ready') {
    const text = backtest.kind === 'loading' ? '…' : '—';
    return (
      <>
        <td data-testid={`backtest-episodes-${index + 1}`} aria-busy={backtest.kind === 'loading'}>
          {text}
        </td>
        <td data-testid={`backtest-firing-${index + 1}`}>{text}</td>
      </>
    );
  }
  const pair = backtest.result.pairs.find((candidate) => candidate.index === index);
  if (!pair) {
    return (
      <>
        <td data-testid={`backtest-episodes-${index + 1}`}>
          <Never />
        </td>
        <td data-testid={`backtest-firing-${index + 1}`}>—</td>
      </>
    );
  }
  return (
    <>
      <td data-testid={`backtest-episodes-${index + 1}`}>
        <span className={pair.count > 0 ? styles.hot : undefined}>{pair.count}</span>
        {pair.insufficientTrafficSeconds > 0 && (
          <span className={styles.muted}> (held back {formatHumanDuration(pair.insufficientTrafficSeconds)})</span>
        )}
      </td>
      <td data-testid={`backtest-firing-${index + 1}`}>
        {pair.count > 0 ? formatHumanDuration(pair.firingSeconds) : '—'}
      </td>
    </>
  );
}

function Never() {
  return (
    <Tooltip content="Even 100% errors stay under this threshold: the pair can never fire">
      <span tabIndex={0}>never</span>
    </Tooltip>
  );
}

function derived(value: number | undefined): string {
  return value === undefined ? '' : String(Number(value.toPrecision(4)));
}

function parseNumber(text: string): number | null {
  const trimmed = text.trim().replace(',', '.').replace(/%$/, '').replace(/×$|x$/i, '');
  if (trimmed === '' || !/^-?\d*\.?\d+(e-?\d+)?$/i.test(trimmed)) {
    return null;
  }
  return Number(trimmed);
}

const getStyles = (theme: GrafanaTheme2) => ({
  container: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
    height: '100%',
    minWidth: 0,
  }),
  compact: css({
    gap: theme.spacing(1),
    fontSize: theme.typography.bodySmall.fontSize,
  }),
  inputs: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(2),
  }),
  field: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(0.5),
  }),
  label: css({
    fontSize: theme.typography.bodySmall.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
  }),
  readOnly: css({
    fontSize: theme.typography.h4.fontSize,
    lineHeight: theme.spacing(4),
  }),
  actions: css({
    display: 'flex',
    gap: theme.spacing(1),
    alignSelf: 'flex-end',
    paddingBottom: theme.spacing(0.25),
  }),
  alert: css({
    marginBottom: 0,
  }),
  // The table scrolls inside its panel when it cannot fit; headers wrap so that it fits more often.
  tableWrapper: css({
    overflowX: 'auto',
    overflowY: 'auto',
    minHeight: 0,
    maxWidth: '100%',
  }),
  table: css(dataTable(theme, { dense: true, verticalAlign: 'top' }), {
    'th, td': { whiteSpace: 'nowrap' },
    th: {
      fontSize: theme.typography.bodySmall.fontSize,
      whiteSpace: 'normal',
      verticalAlign: 'bottom',
      minWidth: theme.spacing(6),
    },
  }),
  firingRow: css({
    background: theme.colors.error.transparent,
  }),
  hot: css({
    color: theme.colors.error.text,
    fontWeight: theme.typography.fontWeightMedium,
  }),
  muted: css({
    color: theme.colors.text.secondary,
  }),
  severities: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    gap: theme.spacing(1, 2),
  }),
  visuallyHidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
});
