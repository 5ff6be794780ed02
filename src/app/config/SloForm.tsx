import React, { useRef } from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Input, RadioButtonGroup, TextArea, useStyles2 } from '@grafana/ui';
import type { BudgetingMethod, CalendarUnit, SliKind } from '../../domain';
import { DraftInput, DraftTextArea } from './DraftInputs';
import { SliFields } from './SliFields';
import { SpecField } from './SpecField';
import type { ProblemsByField } from './fieldProblems';
import {
  DEFAULT_ROLLING,
  type PeriodKind,
  type SpecDraft,
  budgetingMethodOf,
  labelsText,
  listText,
  numberText,
  parseLabels,
  parseList,
  parseNumber,
  parseText,
  periodFields,
  switchBudgetingMethod,
  switchSliKind,
  textOf,
  withCalendar,
  withField,
  withPeriodKind,
  withRolling,
} from './specDraft';

interface Props {
  draft: SpecDraft;
  problems: ProblemsByField;
  idPrefix: string;
  onChange: (draft: SpecDraft) => void;
}

const PERIOD_KINDS = [
  { value: 'rolling' as const, label: 'Rolling window' },
  { value: 'calendar' as const, label: 'Calendar' },
];
const CALENDAR_UNITS = [
  { value: 'week' as const, label: 'Week' },
  { value: 'month' as const, label: 'Month' },
  { value: 'quarter' as const, label: 'Quarter' },
];
const BUDGETING_METHODS = [
  { value: 'occurrences' as const, label: 'Occurrences', description: 'Good events out of all events' },
  { value: 'timeslices' as const, label: 'Time slices', description: 'Good time slices out of all slices' },
];

/** The SLO as form fields. Fields it has no control for (alerting, datasourceUid) are kept as they are. */
export function SloForm({ draft, problems, idPrefix, onChange }: Props) {
  const styles = useStyles2(getStyles);
  const setAsideTimeslices = useRef<SpecDraft>({});
  const setAsideSlis = useRef<Partial<Record<SliKind, SpecDraft>>>({});
  const id = (field: string) => `${idPrefix}-${field}`;
  const setText = (key: string) => (event: React.FormEvent<HTMLInputElement | HTMLTextAreaElement>) =>
    onChange(withField(draft, key, parseText(event.currentTarget.value)));
  const period = periodFields(draft);
  const budgetingMethod = budgetingMethodOf(draft);

  const changeBudgetingMethod = (method: BudgetingMethod) => {
    const switched = switchBudgetingMethod(draft, method, setAsideTimeslices.current);
    setAsideTimeslices.current = switched.setAside;
    onChange(switched.draft);
  };
  const changeSliKind = (kind: SliKind) => {
    const switched = switchSliKind(draft, kind, setAsideSlis.current);
    setAsideSlis.current = switched.setAside;
    onChange(switched.draft);
  };

  return (
    <div className={styles.form}>
      <div className={styles.columns}>
        <SpecField
          label="ID"
          description="Lowercase letters, digits and -; names the SLO's rules"
          problems={problems.id}
        >
          <Input id={id('id')} placeholder="checkout-availability" value={textOf(draft.id)} onChange={setText('id')} />
        </SpecField>
        <SpecField label="Name" problems={problems.name}>
          <Input
            id={id('name')}
            placeholder="Checkout availability"
            value={textOf(draft.name)}
            onChange={setText('name')}
          />
        </SpecField>
        <SpecField label="Service" problems={problems.service}>
          <Input
            id={id('service')}
            placeholder="checkout"
            value={textOf(draft.service)}
            onChange={setText('service')}
          />
        </SpecField>
        <SpecField label="Objective" description="Percent of good events, e.g. 99.9" problems={problems.objective}>
          <DraftInput
            id={id('objective')}
            inputMode="decimal"
            suffix="%"
            placeholder="99.9"
            value={draft.objective}
            format={numberText}
            parse={parseNumber}
            onValueChange={(value) => onChange(withField(draft, 'objective', value))}
          />
        </SpecField>
      </div>
      <SpecField label="Description" problems={problems.description}>
        <TextArea id={id('description')} rows={2} value={textOf(draft.description)} onChange={setText('description')} />
      </SpecField>

      <div className={styles.columns}>
        <SpecField label="Period" problems={problems.period}>
          <RadioButtonGroup<PeriodKind>
            options={PERIOD_KINDS}
            value={period.kind}
            onChange={(kind) => onChange(withPeriodKind(draft, kind))}
          />
        </SpecField>
        {period.kind === 'rolling' ? (
          <SpecField
            label="Rolling window"
            description="A duration such as 30d or 28d"
            problems={problems['period.rolling']}
          >
            <Input
              id={id('period-rolling')}
              placeholder={DEFAULT_ROLLING}
              value={period.rolling}
              onChange={(event) => onChange(withRolling(draft, event.currentTarget.value))}
            />
          </SpecField>
        ) : (
          <>
            <SpecField label="Calendar unit" problems={problems['period.calendar']}>
              <RadioButtonGroup<CalendarUnit>
                options={CALENDAR_UNITS}
                value={
                  CALENDAR_UNITS.some((unit) => unit.value === period.calendar)
                    ? (period.calendar as CalendarUnit)
                    : undefined
                }
                onChange={(unit) => onChange(withCalendar(draft, unit, period.timezone))}
              />
            </SpecField>
            <SpecField label="Time zone" description="IANA name; UTC when empty" problems={problems['period.timezone']}>
              <Input
                id={id('period-timezone')}
                placeholder="UTC"
                value={period.timezone}
                onChange={(event) =>
                  onChange(withCalendar(draft, (period.calendar || 'month') as CalendarUnit, event.currentTarget.value))
                }
              />
            </SpecField>
          </>
        )}
      </div>

      <div className={styles.columns}>
        <SpecField label="Budgeting method" problems={problems.budgetingMethod}>
          <RadioButtonGroup<BudgetingMethod>
            options={BUDGETING_METHODS}
            value={budgetingMethod}
            onChange={changeBudgetingMethod}
          />
        </SpecField>
        {budgetingMethod === 'timeslices' && (
          <>
            <SpecField
              label="Time slice target"
              description="Percent of good events a slice needs"
              problems={problems.timesliceTarget}
            >
              <DraftInput
                id={id('timeslice-target')}
                inputMode="decimal"
                suffix="%"
                placeholder="95"
                value={draft.timesliceTarget}
                format={numberText}
                parse={parseNumber}
                onValueChange={(value) => onChange(withField(draft, 'timesliceTarget', value))}
              />
            </SpecField>
            <SpecField
              label="Time slice window"
              description="Slice length, e.g. 5m"
              problems={problems.timesliceWindow}
            >
              <Input
                id={id('timeslice-window')}
                placeholder="5m"
                value={textOf(draft.timesliceWindow)}
                onChange={setText('timesliceWindow')}
              />
            </SpecField>
          </>
        )}
      </div>

      <SliFields
        draft={draft}
        problems={problems}
        idPrefix={idPrefix}
        onChange={onChange}
        onKindChange={changeSliKind}
      />

      <div className={styles.columns}>
        <SpecField
          label="Breakdown labels"
          description="Comma separated label names to break the SLI down by"
          problems={problems.breakdownLabels}
        >
          <DraftInput
            id={id('breakdown-labels')}
            placeholder="route, cluster"
            value={draft.breakdownLabels}
            format={listText}
            parse={parseList}
            onValueChange={(value) => onChange(withField(draft, 'breakdownLabels', value))}
          />
        </SpecField>
        <SpecField label="Runbook URL" problems={problems.runbookUrl}>
          <Input
            id={id('runbook-url')}
            type="url"
            placeholder="https://runbooks.example.com/checkout"
            value={textOf(draft.runbookUrl)}
            onChange={setText('runbookUrl')}
          />
        </SpecField>
      </div>
      <SpecField label="Labels" description="One key=value per line" problems={problems.labels}>
        <DraftTextArea
          id={id('labels')}
          className={styles.mono}
          rows={3}
          placeholder={'team=payments\ntier=1'}
          value={draft.labels}
          format={labelsText}
          parse={parseLabels}
          onValueChange={(value) => onChange(withField(draft, 'labels', value))}
        />
      </SpecField>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  form: css({
    display: 'flex',
    flexDirection: 'column',
  }),
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(240px, 1fr))',
    columnGap: theme.spacing(2),
  }),
  mono: css({
    fontFamily: theme.typography.fontFamilyMonospace,
  }),
});
