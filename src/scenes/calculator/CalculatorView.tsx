import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { type GrafanaTheme2, dateTimeFormat } from '@grafana/data';
import {
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { Button, Combobox, InlineField, useStyles2 } from '@grafana/ui';
import { AlertHistory } from '../../components/AlertHistory';
import {
  BurnRateCalculator,
  type CalculatorBacktestView,
  type CalculatorInput,
  backtestLookBack,
  calculatorBacktestRange,
  calculatorInputFromSpec,
  defaultCalculatorInput,
  tunedSpec,
} from '../../components/BurnRateCalculator';
import { formatHumanDuration } from '../../components/format';
import { type SloSpec, backtestSlo } from '../../domain';
import { useSloHistory } from './useSloHistory';

interface State extends SceneObjectState {
  specs: SloSpec[];
  /** The app's default data source, for SLOs without their own. */
  defaultDatasourceUid: string | null;
  /** The SLO the inputs were taken from; null for a blank calculator. */
  sloId: string | null;
  input: CalculatorInput;
  /** Unix seconds: the SLO's backtest is as of when it was chosen, so that every edit compares the same data. */
  asOf: number;
}

const BLANK = '';

/** The burn-rate calculator on a page of its own, blank or prefilled from an SLO (`?slo=<id>`). */
export class CalculatorView extends SceneObjectBase<State> {
  static Component = CalculatorViewRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['slo'] });

  constructor(state: Pick<State, 'specs'> & Partial<Pick<State, 'defaultDatasourceUid'>>) {
    super({
      defaultDatasourceUid: null,
      ...state,
      sloId: null,
      input: defaultCalculatorInput(),
      asOf: nowSeconds(),
    });
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
    this.setState({
      sloId: spec ? spec.id : null,
      input: spec ? calculatorInputFromSpec(spec) : defaultCalculatorInput(),
      asOf: nowSeconds(),
    });
  }

  /** Back to the SLO's own inputs, on the data already read. */
  resetInput(): void {
    const spec = this.state.specs.find((candidate) => candidate.id === this.state.sloId);
    if (spec) {
      this.setState({ input: calculatorInputFromSpec(spec) });
    }
  }
}

function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}

function CalculatorViewRenderer({ model }: SceneComponentProps<CalculatorView>) {
  const { specs, sloId, input, asOf, defaultDatasourceUid } = model.useState();
  const styles = useStyles2(getStyles);
  const spec = specs.find((candidate) => candidate.id === sloId) ?? null;
  const datasource = spec ? (spec.datasourceUid ?? defaultDatasourceUid) : null;
  const tuned = useMemo(() => (spec ? tunedSpec(spec, input) : null), [spec, input]);
  const history = useSloHistory(spec, datasource, asOf, tuned ? backtestLookBack(tuned, asOf) : null);
  const result = useMemo(
    () =>
      tuned && history.kind === 'loaded'
        ? backtestSlo(tuned, history.history.events, calculatorBacktestRange(tuned, asOf), history.history.step)
        : null,
    [tuned, history, asOf]
  );
  const backtest = spec ? backtestView(tuned, datasource, history, result, asOf) : null;
  const edited = spec !== null && JSON.stringify(input) !== JSON.stringify(calculatorInputFromSpec(spec));
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
      {spec && (
        <p className={styles.muted} data-testid="calculator-backtest-about">
          What these windows would have done with the data of {spec.name}, as of{' '}
          {dateTimeFormat(asOf * 1000, { format: 'YYYY-MM-DD HH:mm' })}: every edit re-runs the backtest on the data
          already read.
          {edited && (
            <>
              {' '}
              <Button size="sm" variant="secondary" fill="text" icon="history" onClick={() => model.resetInput()}>
                Back to the SLO&apos;s own inputs
              </Button>
            </>
          )}
        </p>
      )}
      <BurnRateCalculator value={input} onChange={(next) => model.setState({ input: next })} backtest={backtest} />
      {result && (
        <section className={styles.history} aria-label="Backtest of these windows">
          <h4 className={styles.heading}>What these windows would have done</h4>
          <AlertHistory result={result} label="Alert history of these windows" />
        </section>
      )}
    </div>
  );
}

/** The backtest's state as the calculator shows it beside the windows. */
function backtestView(
  tuned: SloSpec | null,
  datasource: string | null,
  history: ReturnType<typeof useSloHistory>,
  result: ReturnType<typeof backtestSlo> | null,
  asOf: number
): CalculatorBacktestView {
  const rangeLabel = tuned
    ? `last ${formatHumanDuration(calculatorBacktestRange(tuned, asOf).to - calculatorBacktestRange(tuned, asOf).from)}`
    : 'last period';
  if (!datasource) {
    return {
      rangeLabel,
      kind: 'error',
      message:
        "This SLO has no datasourceUid and the app has no default data source: set one in the app's configuration.",
    };
  }
  if (!tuned) {
    return { rangeLabel, kind: 'invalid' };
  }
  if (history.kind === 'error') {
    return { rangeLabel, kind: 'error', message: history.message };
  }
  return result ? { rangeLabel, kind: 'ready', result } : { rangeLabel, kind: 'loading' };
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  muted: css({ margin: 0, color: theme.colors.text.secondary }),
  history: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(1) }),
  heading: css({ margin: 0 }),
});
