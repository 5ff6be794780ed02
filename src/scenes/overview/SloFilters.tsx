import React, { useCallback, useMemo } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import {
  SceneObjectBase,
  type SceneComponentProps,
  type SceneObjectState,
  SceneObjectUrlSyncConfig,
  type SceneObjectUrlValues,
} from '@grafana/scenes';
import { FilterInput, InlineField, MultiCombobox, useStyles2 } from '@grafana/ui';
import type { RowStatus, SloRowModel } from '../viewModels/sloRow';

export interface SloFilterValues {
  search: string;
  services: string[];
  states: RowStatus[];
  labels: string[];
}

interface SloFiltersState extends SceneObjectState, SloFilterValues {
  /** Choices offered, from the SLOs on the page. */
  serviceOptions: string[];
  labelOptions: string[];
}

const STATE_OPTIONS: RowStatus[] = [
  'page',
  'exhausted',
  'ticket',
  'insufficient-traffic',
  'ok',
  'no-traffic',
  'no-data',
  'error',
  'loading',
];

/** Search and filters of the overview; their values live in the URL (`search`, `service`, `state`, `label`). */
export class SloFilters extends SceneObjectBase<SloFiltersState> {
  static Component = SloFiltersRenderer;
  protected _urlSync = new SceneObjectUrlSyncConfig(this, { keys: ['search', 'service', 'state', 'label'] });

  constructor(state: Partial<SloFiltersState> = {}) {
    super({ search: '', services: [], states: [], labels: [], serviceOptions: [], labelOptions: [], ...state });
  }

  getUrlState(): SceneObjectUrlValues {
    return {
      search: this.state.search || undefined,
      service: this.state.services.length > 0 ? this.state.services : undefined,
      state: this.state.states.length > 0 ? this.state.states : undefined,
      label: this.state.labels.length > 0 ? this.state.labels : undefined,
    };
  }

  updateFromUrl(values: SceneObjectUrlValues): void {
    const list = (value: SceneObjectUrlValues[string]) =>
      value === undefined || value === null ? [] : Array.isArray(value) ? value : [value];
    this.setState({
      search: typeof values.search === 'string' ? values.search : '',
      services: list(values.service),
      states: list(values.state).filter((state): state is RowStatus => STATE_OPTIONS.includes(state as RowStatus)),
      labels: list(values.label),
    });
  }

  setOptions(serviceOptions: string[], labelOptions: string[]): void {
    if (
      serviceOptions.join() !== this.state.serviceOptions.join() ||
      labelOptions.join() !== this.state.labelOptions.join()
    ) {
      this.setState({ serviceOptions, labelOptions });
    }
  }

  matches(row: SloRowModel): boolean {
    const { search, services, states, labels } = this.state;
    const allLabels = { ...row.labels, ...row.groupLabels };
    if (services.length > 0 && !services.includes(row.service)) {
      return false;
    }
    if (states.length > 0 && !states.includes(row.status)) {
      return false;
    }
    if (
      labels.length > 0 &&
      !labels.every((label) => Object.entries(allLabels).some(([name, value]) => `${name}=${value}` === label))
    ) {
      return false;
    }
    if (search) {
      const needle = search.toLowerCase();
      const haystack = [
        row.id,
        row.name,
        row.service,
        ...Object.entries(allLabels).map(([name, value]) => `${name}=${value}`),
      ]
        .join(' ')
        .toLowerCase();
      return haystack.includes(needle);
    }
    return true;
  }
}

function SloFiltersRenderer({ model }: SceneComponentProps<SloFilters>) {
  const { search, services, states, labels, serviceOptions, labelOptions } = model.useState();
  const styles = useStyles2(getStyles);
  // Stable callbacks: typing in the search box leaves the three selects as they are.
  const setServices = useCallback((values: string[]) => model.setState({ services: values }), [model]);
  const setStates = useCallback((values: string[]) => model.setState({ states: values as RowStatus[] }), [model]);
  const setLabels = useCallback((values: string[]) => model.setState({ labels: values }), [model]);
  return (
    <div className={styles.bar} role="search">
      <div className={styles.search}>
        <FilterInput
          placeholder="Search SLOs, services, labels"
          value={search}
          onChange={(value) => model.setState({ search: value })}
        />
      </div>
      <FilterSelect
        name="Service"
        placeholder="All services"
        options={serviceOptions}
        values={services}
        onChange={setServices}
      />
      <FilterSelect
        name="State"
        placeholder="All states"
        options={STATE_OPTIONS}
        values={states}
        onChange={setStates}
      />
      <FilterSelect name="Label" placeholder="All labels" options={labelOptions} values={labels} onChange={setLabels} />
    </div>
  );
}

interface FilterSelectProps {
  name: string;
  placeholder: string;
  options: readonly string[];
  values: string[];
  onChange: (values: string[]) => void;
}

const FilterSelect = React.memo(function FilterSelect({
  name,
  placeholder,
  options,
  values,
  onChange,
}: FilterSelectProps) {
  const id = `slo-filter-${name.toLowerCase()}`;
  // The same choices between renders (a fleet has hundreds of labels): the combobox keeps its own work.
  const choices = useMemo(() => options.map((value) => ({ value, label: value })), [options]);
  return (
    <InlineField label={name} htmlFor={id}>
      <MultiCombobox
        id={id}
        placeholder={placeholder}
        width="auto"
        minWidth={16}
        options={choices}
        value={values}
        onChange={(selected) => onChange(selected.map((option) => option.value))}
        isClearable
      />
    </InlineField>
  );
});

const getStyles = (theme: GrafanaTheme2) => ({
  bar: css({ display: 'flex', gap: theme.spacing(1), alignItems: 'center', flexWrap: 'wrap' }),
  search: css({ minWidth: 260 }),
});
