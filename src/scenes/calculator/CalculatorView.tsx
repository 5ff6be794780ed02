import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { Combobox, InlineField, useStyles2 } from '@grafana/ui';
import { BurnRateCalculator, type CalculatorInput, defaultCalculatorInput } from '../../components/BurnRateCalculator';
import { type SloSpec, alertingPeriodSeconds, formatDuration, resolveAlertWindows } from '../../domain';

interface State extends SceneObjectState {
  specs: SloSpec[];
  /** The SLO the inputs were taken from; null for a blank calculator. */
  sloId: string | null;
  input: CalculatorInput;
}

const BLANK = '';

/** The burn-rate calculator on a page of its own, blank or prefilled from an SLO (`?slo=<id>`). */
export class CalculatorView extends SceneObjectBase<State> {
  static Component = CalculatorViewRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['slo'] });

  constructor(state: Pick<State, 'specs'>) {
    super({ ...state, sloId: null, input: defaultCalculatorInput() });
  }

  getUrlState(): SceneObjectUrlValues {
    return { slo: this.state.sloId ?? undefined };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const id = typeof values.slo === 'string' ? values.slo : null;
    if (id !== this.state.sloId) {
      this.choose(id);
    }
  }

  choose(sloId: string | null): void {
    const spec = this.state.specs.find((candidate) => candidate.id === sloId);
    this.setState({ sloId: spec ? spec.id : null, input: spec ? inputFromSpec(spec) : defaultCalculatorInput() });
  }
}

/** The calculator's inputs for an SLO: its objective, period and alert windows. */
export function inputFromSpec(spec: SloSpec): CalculatorInput {
  const period = 'calendar' in spec.period ? spec.period.calendar : spec.period.rolling;
  const windows = resolveAlertWindows(spec, alertingPeriodSeconds(spec.period)).map((window) => ({
    severity: window.severity,
    long: formatDuration(window.longSeconds),
    short: formatDuration(window.shortSeconds),
    budgetPercent: window.budgetPercent,
  }));
  return { objective: spec.objective, period, windows };
}

function CalculatorViewRenderer({ model }: SceneComponentProps<CalculatorView>) {
  const { specs, sloId, input } = model.useState();
  const styles = useStyles2(getStyles);
  const options = [
    { value: BLANK, label: 'Blank (99.9% over 30 days)' },
    ...specs.map((spec) => ({ value: spec.id, label: `${spec.name} (${spec.service})` })),
  ];
  return (
    <div className={styles.page}>
      <InlineField
        label="Prefill from"
        htmlFor="calculator-slo"
        tooltip="Take the objective, period and alert windows of an SLO"
      >
        <Combobox
          id="calculator-slo"
          width={48}
          options={options}
          value={sloId ?? BLANK}
          onChange={(option) => model.choose(option.value || null)}
        />
      </InlineField>
      <BurnRateCalculator value={input} onChange={(next) => model.setState({ input: next })} />
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
});
