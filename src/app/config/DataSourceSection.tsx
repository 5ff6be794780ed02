import React from 'react';
import { DataSourcePicker } from '@grafana/runtime';
import { Field } from '@grafana/ui';
import { speaksPromQL } from '../../prometheus/promqlDataSources';

interface Props {
  datasourceUid: string | undefined;
  onChange: (datasourceUid: string | undefined) => void;
}

export function DataSourceSection({ datasourceUid, onChange }: Props) {
  return (
    <Field
      label="Default Prometheus data source"
      description="SLOs without their own datasourceUid read their metrics from it: Prometheus, or Amazon or Azure managed Prometheus."
    >
      <DataSourcePicker
        inputId="sloburn-default-datasource"
        filter={speaksPromQL}
        current={datasourceUid ?? null}
        noDefault
        width={48}
        onChange={(datasource) => onChange(datasource.uid)}
        onClear={() => onChange(undefined)}
      />
    </Field>
  );
}
