import { dataTable } from '../tableStyles';
import { css, cx } from '@emotion/css';
import React, { useId, useMemo } from 'react';
import type { GrafanaTheme2 } from '@grafana/data';
import { Alert, Badge, Button, IconButton, RadioButtonGroup, Tooltip, useStyles2 } from '@grafana/ui';
import type { CalculatorRow, Severity } from '../../domain';
import { formatBurnRate, formatHumanDuration, formatPercent } from '../format';
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
  /** True when a window is only partly covered by data, so its burn rate is an estimate. */
  partial?: boolean;
}

export interface CalculatorLive {
  pairs: LivePairState[];
}

export interface BurnRateCalculatorProps {
  value: CalculatorInput;
  /** Without it the calculator is read-only (e.g. when its inputs come from an SLO). */
  onChange?: (value: CalculatorInput) => void;
  /** Current burn rates and states from data, shown beside each pair's threshold. */
  live?: CalculatorLive | null;
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
export function BurnRateCalculator({ value, onChange, live, compact = false }: BurnRateCalculatorProps) {
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
    </div>
  );
}

interface WindowRowProps {
  index: number;
  window: CalculatorWindowInput;
  row: CalculatorRow | null;
  evaluation: CalculatorEvaluation;
  /** undefined: no live columns; null: live columns without data for this pair. */
  live: LivePairState | null | undefined;
  onChange?: (window: CalculatorWindowInput) => void;
  onRemove?: () => void;
}

function WindowRow({ index, window, row, evaluation, live, onChange, onRemove }: WindowRowProps) {
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
        ) : noData ? (
          <Badge color="darkgrey" text="No data" />
        ) : (
          <Badge color="green" text="OK" />
        )}
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
  visuallyHidden: css({
    position: 'absolute',
    width: 1,
    height: 1,
    overflow: 'hidden',
    clip: 'rect(0 0 0 0)',
    whiteSpace: 'nowrap',
  }),
});
