import { css } from '@emotion/css';
import React from 'react';
import type { GrafanaTheme2, StandardEditorProps } from '@grafana/data';
import { Button, IconButton, RadioButtonGroup, useStyles2 } from '@grafana/ui';
import { type CalculatorWindowInput, defaultWindowInputs } from '../../components/BurnRateCalculator';
import { CommitInput } from '../../components/BurnRateCalculator/CommitInput';
import type { Severity } from '../../domain';

const SEVERITIES: Array<{ label: string; value: Severity }> = [
  { label: 'page', value: 'page' },
  { label: 'ticket', value: 'ticket' },
];

/**
 * The alert windows in the options pane: severity, long and short window, and a budget share or a
 * factor. The panel itself shows what each window means; this only edits them.
 */
export function WindowsEditor({ value, onChange }: StandardEditorProps<CalculatorWindowInput[]>) {
  const styles = useStyles2(getStyles);
  const windows = Array.isArray(value) ? value : defaultWindowInputs();
  const set = (index: number, next: CalculatorWindowInput) =>
    onChange(windows.map((window, i) => (i === index ? next : window)));

  return (
    <div className={styles.list}>
      {windows.map((window, index) => {
        const n = index + 1;
        const { factor: _factor, budgetPercent: _budget, ...base } = window;
        const usesFactor = window.factor !== undefined;
        return (
          <div key={index} className={styles.row}>
            <RadioButtonGroup
              size="sm"
              options={SEVERITIES}
              value={window.severity}
              onChange={(severity) => set(index, { ...window, severity })}
            />
            <CommitInput
              aria-label={`Long window ${n}`}
              value={window.long}
              width={7}
              onCommit={(long) => {
                set(index, { ...window, long: long.trim() });
                return null;
              }}
            />
            <CommitInput
              aria-label={`Short window ${n}`}
              value={window.short}
              width={7}
              onCommit={(short) => {
                set(index, { ...window, short: short.trim() });
                return null;
              }}
            />
            <CommitInput
              aria-label={usesFactor ? `Factor ${n}` : `Budget percent ${n}`}
              value={String(usesFactor ? window.factor : (window.budgetPercent ?? ''))}
              width={8}
              suffix={usesFactor ? '×' : '%'}
              onCommit={(text) => {
                const number = Number(text.trim().replace(',', '.'));
                if (text.trim() === '' || !Number.isFinite(number)) {
                  return `"${text}" is not a number`;
                }
                set(index, usesFactor ? { ...base, factor: number } : { ...base, budgetPercent: number });
                return null;
              }}
            />
            <IconButton
              name={usesFactor ? 'percentage' : 'times'}
              size="sm"
              tooltip={usesFactor ? `Window ${n}: set a budget percent instead` : `Window ${n}: set a factor instead`}
              onClick={() =>
                set(
                  index,
                  usesFactor
                    ? { ...base, budgetPercent: window.budgetPercent ?? 2 }
                    : { ...base, factor: window.factor ?? 14.4 }
                )
              }
            />
            <IconButton
              name="trash-alt"
              size="sm"
              tooltip={`Remove window ${n}`}
              disabled={windows.length <= 1}
              onClick={() => onChange(windows.filter((_, i) => i !== index))}
            />
          </div>
        );
      })}
      <div className={styles.actions}>
        <Button
          size="sm"
          variant="secondary"
          icon="plus"
          onClick={() => onChange([...windows, { severity: 'ticket', long: '3d', short: '6h', budgetPercent: 10 }])}
        >
          Add window
        </Button>
        <Button size="sm" variant="secondary" icon="history" onClick={() => onChange(defaultWindowInputs())}>
          SRE workbook windows
        </Button>
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
  }),
  row: css({
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-start',
    gap: theme.spacing(0.5),
  }),
  actions: css({
    display: 'flex',
    gap: theme.spacing(1),
  }),
});
