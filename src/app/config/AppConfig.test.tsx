import { fireEvent, screen, waitFor } from '@testing-library/react';
import { throwError } from 'rxjs';
import { buttonIn, buttonNamed, findDialog, postedData, renderConfig, setUpGrafana, slo } from './testing';

afterEach(() => jest.restoreAllMocks());

describe('saving the settings', () => {
  it('posts exactly enabled, pinned and the three jsonData fields, then reloads', async () => {
    const { fetch, reload } = setUpGrafana();
    renderConfig(
      { slos: [slo('a')], defaultDatasourceUid: 'prom-1', slothDiscovery: false },
      { enabled: true, pinned: false }
    );

    fireEvent.click(screen.getByLabelText(/^Discover SLOs from Sloth's recording rules/, { selector: 'input' }));
    fireEvent.click(buttonNamed('Save settings'));

    await waitFor(() => expect(reload).toHaveBeenCalled());
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(fetch.mock.calls[0][0]).toMatchObject({ url: '/api/plugins/sloburn-slo-app/settings', method: 'POST' });
    expect(postedData(fetch)).toEqual({
      enabled: true,
      pinned: false,
      jsonData: { slos: [slo('a')], defaultDatasourceUid: 'prom-1', slothDiscovery: true },
    });
  });

  it('keeps jsonData keys the page does not edit', async () => {
    const { fetch } = setUpGrafana();
    renderConfig({ slos: [], provisionedBy: 'gitops' } as never);
    fireEvent.click(buttonNamed('Save settings'));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(postedData(fetch).jsonData).toMatchObject({ provisionedBy: 'gitops', slos: [] });
  });

  it('saves the data source chosen in the picker', async () => {
    const { fetch } = setUpGrafana();
    renderConfig({ slos: [], defaultDatasourceUid: 'prom-1' });

    fireEvent.keyDown(screen.getByLabelText(/^Default Prometheus data source/), { key: 'ArrowDown' });
    fireEvent.click(await screen.findByText('Prometheus two'));
    fireEvent.click(buttonNamed('Save settings'));

    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(postedData(fetch).jsonData).toEqual({ slos: [], defaultDatasourceUid: 'prom-2', slothDiscovery: false });
  });

  it('offers every data source that speaks PromQL, managed Prometheus included, and nothing else', async () => {
    const { fetch } = setUpGrafana();
    renderConfig({ slos: [] });
    fireEvent.keyDown(screen.getByLabelText(/^Default Prometheus data source/), { key: 'ArrowDown' });
    expect(await screen.findByText('Azure Monitor managed Prometheus')).toBeInTheDocument();
    expect(screen.getByText('Prometheus one')).toBeInTheDocument();
    expect(screen.queryByText('Loki')).not.toBeInTheDocument();
    fireEvent.click(screen.getByText('Amazon Managed Prometheus'));
    fireEvent.click(buttonNamed('Save settings'));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(postedData(fetch).jsonData).toMatchObject({ defaultDatasourceUid: 'amp' });
  });

  it("shows the server's message when Grafana refuses, and does not reload", async () => {
    const { fetch, reload } = setUpGrafana();
    fetch.mockImplementation(() =>
      throwError(() => ({ status: 403, statusText: 'Forbidden', data: { message: 'Permission denied' } }))
    );
    renderConfig({ slos: [slo('a')] });

    fireEvent.click(buttonNamed('Save settings'));

    const title = await screen.findByText('The settings were not saved');
    expect(title.closest('[role="alert"]')).toHaveTextContent('403 Forbidden: Permission denied');
    expect(reload).not.toHaveBeenCalled();
    expect(buttonNamed('Save settings')).toBeEnabled();
  });

  it('warns before saving invalid entries, then keeps them as written', async () => {
    const { fetch } = setUpGrafana();
    const invalid = slo('b', { objective: 100, unknownField: true });
    renderConfig({ slos: [slo('a'), invalid] });

    fireEvent.click(buttonNamed('Save settings'));
    const dialog = await findDialog('Save with invalid SLOs?');
    expect(fetch).not.toHaveBeenCalled();
    fireEvent.click(buttonIn(dialog, 'Save anyway'));

    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(postedData(fetch).jsonData.slos).toEqual([slo('a'), invalid]);
  });
});

describe('permissions', () => {
  it('tells a non-admin why saving is not possible and disables Save', () => {
    setUpGrafana({ role: 'Editor' });
    renderConfig({ slos: [slo('a')] });

    expect(
      screen.getByText(
        "Saving SLO Burn's settings needs the Admin role in this organization (Grafana's plugin settings API enforces it). You can look and try the editor, but not save."
      )
    ).toBeInTheDocument();
    expect(buttonNamed('Save settings')).toBeDisabled();
    // Looking and trying the editor still work.
    fireEvent.click(buttonNamed('Edit a'));
    expect(screen.getByLabelText('Edit SLO', { selector: '[role="group"]' })).toBeInTheDocument();
  });

  it('lets an organization admin or a Grafana server admin save', () => {
    setUpGrafana({ role: 'Viewer', isGrafanaAdmin: true });
    renderConfig({ slos: [] });
    expect(screen.queryByText(/needs the Admin role/)).not.toBeInTheDocument();
    expect(buttonNamed('Save settings')).toBeEnabled();
  });
});
