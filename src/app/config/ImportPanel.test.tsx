import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buttonIn, buttonNamed, findDialog, postedData, renderConfig, setUpGrafana, slo, sloRow } from './testing';

afterEach(() => jest.restoreAllMocks());

const SLOTH_V1 = `version: "prometheus/v1"
service: "myservice"
labels:
  owner: "payments-team"
slos:
  - name: "requests-availability"
    objective: 99.9
    sli:
      events:
        error_query: sum(rate(http_server_requests_total{job="myservice",code=~"5.."}[{{.window}}]))
        total_query: sum(rate(http_server_requests_total{job="myservice"}[{{.window}}]))
  - name: "reads-availability"
    objective: 99.9
    sli:
      plugin:
        id: "sloth-common/kubernetes/apiserver/availability"
  - name: "queue-freshness"
    objective: 99.5
    sli:
      raw:
        error_ratio_query: sum(rate(queue_jobs_stale_total[{{.window}}])) / sum(rate(queue_jobs_total[{{.window}}]))
`;

function paste(text: string) {
  fireEvent.change(screen.getByLabelText(/^YAML to import/), { target: { value: text } });
}

function preview(): HTMLElement {
  return screen.getByLabelText('Converted SLOs', { selector: 'table' });
}

describe('importing Sloth and OpenSLO files', () => {
  it('previews the converted SLOs and the conversion problems, then adds the valid ones', async () => {
    const { fetch } = setUpGrafana();
    renderConfig({ slos: [slo('existing')] });

    paste(SLOTH_V1);

    expect(screen.getByText('Sloth prometheus/v1')).toBeInTheDocument();
    const converted = preview();
    expect(within(converted).getByText('myservice-requests-availability')).toBeInTheDocument();
    expect(within(converted).getByText('Requests availability')).toBeInTheDocument();
    expect(within(converted).getByText('myservice-queue-freshness')).toBeInTheDocument();
    expect(within(converted).getByText('99.5%')).toBeInTheDocument();
    expect(within(converted).getByText('raw')).toBeInTheDocument();
    expect(within(converted).getAllByText('Valid')).toHaveLength(2);
    const conversion = screen.getByLabelText('Conversion problems', { selector: 'ul' });
    expect(
      within(conversion).getByText(
        'documents[0].slos[1].sli.plugin: Sloth SLI plugins are not supported: write the error and total queries'
      )
    ).toBeInTheDocument();

    fireEvent.click(buttonNamed('Add 2 valid SLOs'));

    expect(sloRow('existing')).toBeInTheDocument();
    expect(within(sloRow('myservice-requests-availability')).getByText('Valid')).toBeInTheDocument();
    expect(within(sloRow('myservice-queue-freshness')).getByText('Valid')).toBeInTheDocument();
    expect(screen.getByText(/Added 2 SLOs\. Save the settings to keep them\./)).toBeInTheDocument();

    fireEvent.click(buttonNamed('Save settings'));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    const saved = postedData(fetch).jsonData.slos as Array<Record<string, unknown>>;
    expect(saved.map((entry) => entry.id)).toEqual([
      'existing',
      'myservice-requests-availability',
      'myservice-queue-freshness',
    ]);
    expect(saved[1]).toMatchObject({
      service: 'myservice',
      objective: 99.9,
      labels: { owner: 'payments-team' },
      sli: {
        events: {
          errorQuery: 'sum(rate(http_server_requests_total{job="myservice",code=~"5.."}[{{.window}}]))',
          totalQuery: 'sum(rate(http_server_requests_total{job="myservice"}[{{.window}}]))',
        },
      },
    });
  });

  it('shows each converted spec with its validation problems', () => {
    setUpGrafana();
    renderConfig({ slos: [] });

    paste(
      'slos:\n  - id: ok\n    name: OK\n    service: s\n    objective: 99\n    sli:\n      boolGauge:\n        query: up\n  - id: bad\n    objective: 100\n'
    );

    expect(screen.getByText('SLO Burn specs')).toBeInTheDocument();
    expect(within(preview()).getByText('Invalid: 4 errors, not added')).toBeInTheDocument();
    expect(within(preview()).getByText('name: is required')).toBeInTheDocument();
    expect(buttonNamed('Add 1 valid SLO')).toBeEnabled();
  });

  it('asks before an imported SLO replaces one with the same id, and replaces only when confirmed', async () => {
    setUpGrafana();
    renderConfig({ slos: [slo('myservice-queue-freshness', { name: 'Mine' }), slo('other')] });

    paste(SLOTH_V1);
    fireEvent.click(buttonNamed('Add 2 valid SLOs'));

    let dialog = await findDialog('Replace existing SLOs?');
    expect(within(dialog).getByText('myservice-queue-freshness')).toBeInTheDocument();
    expect(within(sloRow('myservice-queue-freshness')).getByText('Mine')).toBeInTheDocument();
    fireEvent.click(buttonIn(dialog, 'Cancel'));
    await waitFor(() => expect(screen.queryByText('Replace existing SLOs?')).not.toBeInTheDocument());
    expect(screen.queryByLabelText('SLO myservice-requests-availability', { selector: 'tr' })).not.toBeInTheDocument();

    fireEvent.click(buttonNamed('Add 2 valid SLOs'));
    dialog = await findDialog('Replace existing SLOs?');
    fireEvent.click(buttonIn(dialog, 'Replace'));

    await waitFor(() =>
      expect(within(sloRow('myservice-queue-freshness')).getByText('Queue freshness')).toBeInTheDocument()
    );
    const ids = Array.from(document.querySelectorAll('tbody tr[aria-label]')).map((row) =>
      row.getAttribute('aria-label')
    );
    expect(ids).toEqual(['SLO myservice-queue-freshness', 'SLO other', 'SLO myservice-requests-availability']);
  });

  it('can add only the new SLOs and keep the existing one', async () => {
    setUpGrafana();
    renderConfig({ slos: [slo('myservice-queue-freshness', { name: 'Mine' })] });

    paste(SLOTH_V1);
    fireEvent.click(buttonNamed('Add 2 valid SLOs'));
    fireEvent.click(buttonIn(await findDialog('Replace existing SLOs?'), 'Add only the new ones'));

    await waitFor(() => expect(sloRow('myservice-requests-availability')).toBeInTheDocument());
    expect(within(sloRow('myservice-queue-freshness')).getByText('Mine')).toBeInTheDocument();
  });

  it('reads an uploaded file', async () => {
    setUpGrafana();
    renderConfig({ slos: [] });

    const file = new File([SLOTH_V1], 'myservice.yaml', { type: 'application/yaml' });
    const input = document.querySelector('#sloburn-import-file') as HTMLInputElement;
    fireEvent.change(input, { target: { files: [file] } });

    await waitFor(() => expect(screen.getByLabelText(/^YAML to import/)).toHaveValue(SLOTH_V1));
    expect(within(preview()).getByText('myservice-requests-availability')).toBeInTheDocument();
  });
});
