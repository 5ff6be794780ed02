import React from 'react';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { parse } from 'yaml';
import { SloEditor } from './SloEditor';
import { buttonIn, buttonNamed, findDialog, slo } from './testing';

function renderEditor(entry: unknown, otherIds: string[] = []) {
  const onApply = jest.fn();
  const onCancel = jest.fn();
  render(<SloEditor entry={entry} otherIds={otherIds} onApply={onApply} onCancel={onCancel} />);
  return { onApply, onCancel };
}

function type(label: string | RegExp, value: string) {
  fireEvent.change(screen.getByLabelText(label), { target: { value } });
}

function choose(option: string) {
  fireEvent.click(screen.getByLabelText(option, { selector: 'input[type="radio"]' }));
}

function yamlText(): string {
  return (screen.getByLabelText(/^SLO as YAML/) as HTMLTextAreaElement).value;
}

const EVERY_FIELD = {
  id: 'api-latency',
  name: 'API latency',
  service: 'api',
  description: 'Answers in time',
  objective: 99.5,
  period: { calendar: 'quarter', timezone: 'Europe/Berlin' },
  budgetingMethod: 'timeslices',
  timesliceTarget: 95,
  timesliceWindow: '5m',
  sli: {
    latency: { bucketMetric: 'http_request_duration_seconds_bucket', threshold: '0.3', selector: '{job="api"}' },
  },
  breakdownLabels: ['route', 'cluster'],
  labels: { team: 'platform', tier: '1' },
  runbookUrl: 'https://runbooks.example.com/api',
};

describe('the SLO editor', () => {
  it('keeps every form field through a form → YAML → form round trip', () => {
    const { onApply } = renderEditor(undefined);

    type(/^ID/, 'api-latency');
    type('Name', 'API latency');
    type('Service', 'api');
    type('Description', 'Answers in time');
    type(/^Objective/, '99.5');
    choose('Calendar');
    choose('Quarter');
    type(/^Time zone/, 'Europe/Berlin');
    choose('Time slices');
    type(/^Time slice target/, '95');
    type(/^Time slice window/, '5m');
    choose('Latency');
    type('Histogram bucket metric', 'http_request_duration_seconds_bucket');
    type('Threshold (seconds, an existing le bound)', '0.3');
    type('Selector', '{job="api"}');
    type(/^Breakdown labels/, 'route, cluster');
    type(/^Labels/, 'team=platform\ntier=1');
    type('Runbook URL', 'https://runbooks.example.com/api');

    choose('YAML');
    expect(parse(yamlText())).toEqual(EVERY_FIELD);

    choose('Form');
    const values: Array<[string | RegExp, string]> = [
      [/^ID/, 'api-latency'],
      ['Name', 'API latency'],
      ['Service', 'api'],
      ['Description', 'Answers in time'],
      [/^Objective/, '99.5'],
      [/^Time zone/, 'Europe/Berlin'],
      [/^Time slice target/, '95'],
      [/^Time slice window/, '5m'],
      ['Histogram bucket metric', 'http_request_duration_seconds_bucket'],
      ['Threshold (seconds, an existing le bound)', '0.3'],
      ['Selector', '{job="api"}'],
      [/^Breakdown labels/, 'route, cluster'],
      [/^Labels/, 'team=platform\ntier=1'],
      ['Runbook URL', 'https://runbooks.example.com/api'],
    ];
    for (const [label, value] of values) {
      expect(screen.getByLabelText(label)).toHaveValue(value);
    }
    for (const option of ['Calendar', 'Quarter', 'Time slices', 'Latency']) {
      expect(screen.getByLabelText(option, { selector: 'input[type="radio"]' })).toBeChecked();
    }

    fireEvent.click(buttonNamed('Add to the list'));
    expect(onApply).toHaveBeenCalledWith(EVERY_FIELD);
  });

  it('keeps what the form does not show (alerting, datasourceUid) and reads YAML edits back', () => {
    const entry = slo('a', { datasourceUid: 'prom-2', alerting: { windows: 'default', name: 'Sloth alert' } });
    const { onApply } = renderEditor(entry);

    choose('YAML');
    fireEvent.change(screen.getByLabelText(/^SLO as YAML/), { target: { value: yamlText().replace('99.9', '99.95') } });
    choose('Form');
    expect(screen.getByLabelText(/^Objective/)).toHaveValue('99.95');
    type('Name', 'Renamed');

    fireEvent.click(buttonNamed('Update the list'));
    expect(onApply).toHaveBeenCalledWith({ ...entry, objective: 99.95, name: 'Renamed' });
  });

  it('validates as you type and shows the problem next to its field and above the form', () => {
    renderEditor(slo('a'));

    type(/^Objective/, '100');

    const message = '100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99';
    expect(screen.getByLabelText(/^Objective/)).toHaveAccessibleDescription(message);
    expect(screen.getByText(`objective: ${message}`)).toBeInTheDocument();
    expect(screen.getByText('This SLO has 1 error')).toBeInTheDocument();

    type(/^Objective/, '99.99');
    expect(screen.queryByText(`objective: ${message}`)).not.toBeInTheDocument();
    expect(screen.getByLabelText(/^Objective/)).not.toHaveAccessibleDescription(message);
  });

  it('reports an id that another SLO in the list already has', () => {
    renderEditor(slo('a'), ['b']);
    type(/^ID/, 'b');
    expect(screen.getByLabelText(/^ID/)).toHaveAccessibleDescription(
      '"b" is already the id of another SLO in the list: ids must be unique'
    );
  });

  it('stays in the YAML view while the YAML does not parse, with the error shown', () => {
    const { onApply } = renderEditor(slo('a'));

    choose('YAML');
    fireEvent.change(screen.getByLabelText(/^SLO as YAML/), { target: { value: 'id: a\nname: [unclosed\n' } });
    choose('Form');

    expect(screen.getByLabelText(/^SLO as YAML/)).toHaveAccessibleDescription(/^YAML syntax error at line \d+/);
    expect(screen.getByText('Fix the YAML first')).toBeInTheDocument();
    expect(screen.queryByLabelText('Name')).not.toBeInTheDocument();
    expect(buttonNamed('Update the list')).toBeDisabled();

    fireEvent.change(screen.getByLabelText(/^SLO as YAML/), { target: { value: 'id: a\nname: Fixed\n' } });
    choose('Form');
    expect(screen.getByLabelText('Name')).toHaveValue('Fixed');
    expect(onApply).not.toHaveBeenCalled();
  });

  it('opens an entry that is not an object as YAML, as written', () => {
    renderEditor('just text');
    expect(yamlText()).toBe('just text\n');
    expect(screen.getByLabelText(/^SLO as YAML/)).toHaveAccessibleDescription(/this YAML is a string/);
  });

  it('keeps an invalid SLO only after the user confirms', async () => {
    const { onApply } = renderEditor(slo('a'));
    type(/^Objective/, '100');

    fireEvent.click(buttonNamed('Update the list'));
    const dialog = await findDialog('Keep an invalid SLO?');
    expect(onApply).not.toHaveBeenCalled();
    fireEvent.click(buttonIn(dialog, 'Keep it'));

    await waitFor(() => expect(onApply).toHaveBeenCalledWith(slo('a', { objective: 100 })));
  });

  it('asks before discarding changes', async () => {
    const { onCancel } = renderEditor(slo('a'));
    type('Name', 'Changed');

    fireEvent.click(buttonNamed('Cancel'));
    const dialog = await findDialog('Discard your changes?');
    expect(onCancel).not.toHaveBeenCalled();
    fireEvent.click(buttonIn(dialog, 'Discard'));
    await waitFor(() => expect(onCancel).toHaveBeenCalled());
  });
});
