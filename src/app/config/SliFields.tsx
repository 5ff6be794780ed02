import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Input, RadioButtonGroup, TextArea, useStyles2 } from '@grafana/ui';
import { SLI_KINDS, type SliKind } from '../../domain';
import { SpecField } from './SpecField';
import type { FormField, ProblemsByField } from './fieldProblems';
import { type SpecDraft, sliFieldValue, sliFields, withSliField } from './specDraft';

interface Props {
  draft: SpecDraft;
  problems: ProblemsByField;
  idPrefix: string;
  onChange: (draft: SpecDraft) => void;
  onKindChange: (kind: SliKind) => void;
}

interface KindField {
  field: string;
  label: string;
  placeholder: string;
  /** PromQL gets a monospace text area; names and numbers a one-line input. */
  query: boolean;
}

const KIND_LABELS: Record<SliKind, { label: string; description: string }> = {
  events: { label: 'Events', description: 'Bad and total event counts' },
  ratio: { label: 'Ratio', description: 'Good and total event counts' },
  raw: { label: 'Raw', description: 'A query that returns the error ratio itself' },
  latency: { label: 'Latency', description: 'Histogram requests slower than a threshold are bad' },
  boolGauge: { label: 'Bool gauge', description: 'A 0/1 gauge: every second it reads 0 is bad' },
};

const KIND_FIELDS: Record<SliKind, KindField[]> = {
  events: [
    {
      field: 'errorQuery',
      label: 'Error query',
      placeholder: 'sum(rate(http_requests_total{code=~"5.."}[{{.window}}]))',
      query: true,
    },
    {
      field: 'totalQuery',
      label: 'Total query',
      placeholder: 'sum(rate(http_requests_total[{{.window}}]))',
      query: true,
    },
  ],
  ratio: [
    {
      field: 'goodQuery',
      label: 'Good query',
      placeholder: 'sum(rate(http_requests_total{code!~"5.."}[{{.window}}]))',
      query: true,
    },
    {
      field: 'totalQuery',
      label: 'Total query',
      placeholder: 'sum(rate(http_requests_total[{{.window}}]))',
      query: true,
    },
  ],
  raw: [
    {
      field: 'errorRatioQuery',
      label: 'Error ratio query',
      placeholder: 'sum(rate(errors_total[{{.window}}])) / sum(rate(requests_total[{{.window}}]))',
      query: true,
    },
  ],
  latency: [
    {
      field: 'bucketMetric',
      label: 'Histogram bucket metric',
      placeholder: 'http_request_duration_seconds_bucket',
      query: false,
    },
    { field: 'threshold', label: 'Threshold (seconds, an existing le bound)', placeholder: '0.3', query: false },
    { field: 'selector', label: 'Selector', placeholder: '{job="api"}', query: false },
  ],
  boolGauge: [
    { field: 'query', label: 'Gauge query', placeholder: 'cluster_ready_state{cluster="eu-1"}', query: false },
  ],
};

const KIND_OPTIONS = SLI_KINDS.map((kind) => ({
  value: kind,
  label: KIND_LABELS[kind].label,
  description: KIND_LABELS[kind].description,
}));

/** The SLI kind and the queries it needs; queries use Sloth's `{{.window}}` placeholder for the range. */
export function SliFields({ draft, problems, idPrefix, onChange, onKindChange }: Props) {
  const styles = useStyles2(getStyles);
  const { kind, body } = sliFields(draft);
  return (
    <>
      <SpecField
        label="SLI kind"
        description={kind ? KIND_LABELS[kind].description : 'Choose how good and bad events are counted'}
        problems={problems.sli}
      >
        <RadioButtonGroup<SliKind> options={KIND_OPTIONS} value={kind} onChange={onKindChange} />
      </SpecField>
      {kind !== undefined &&
        KIND_FIELDS[kind].map(({ field, label, placeholder, query }) => {
          const id = `${idPrefix}-sli-${kind}-${field}`;
          const value = sliFieldValue(body, field);
          const change = (text: string) => onChange(withSliField(draft, field, text));
          return (
            <SpecField
              key={id}
              label={label}
              description={query ? 'PromQL; {{.window}} stands for the range, e.g. [{{.window}}]' : undefined}
              problems={problems[`sli.${kind}.${field}` as FormField]}
            >
              {query ? (
                <TextArea
                  id={id}
                  className={styles.query}
                  rows={2}
                  placeholder={placeholder}
                  value={value}
                  onChange={(event) => change(event.currentTarget.value)}
                />
              ) : (
                <Input
                  id={id}
                  className={styles.mono}
                  placeholder={placeholder}
                  value={value}
                  onChange={(event) => change(event.currentTarget.value)}
                />
              )}
            </SpecField>
          );
        })}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  query: css({
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
  mono: css({
    input: {
      fontFamily: theme.typography.fontFamilyMonospace,
    },
  }),
});
