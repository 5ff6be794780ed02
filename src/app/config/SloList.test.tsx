import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { buttonIn, buttonNamed, findDialog, postedData, renderConfig, setUpGrafana, slo, sloRow } from './testing';

afterEach(() => jest.restoreAllMocks());

describe('the SLO list', () => {
  it('shows valid and invalid entries, each invalid one with every problem path and reason', () => {
    setUpGrafana();
    renderConfig({
      slos: [
        slo('checkout-availability'),
        slo('broken', {
          objective: 100,
          sli: { events: { errorQuery: 'sum(rate(x[5m]))', totalQuery: 'sum(rate(y[{{.window}}]))' } },
        }),
        'just text',
      ],
    });

    const valid = sloRow('checkout-availability');
    expect(within(valid).getByText('Valid')).toBeInTheDocument();
    expect(within(valid).getByText('SLO checkout-availability')).toBeInTheDocument();
    expect(within(valid).getByText('checkout')).toBeInTheDocument();
    expect(within(valid).getByText('99.9%')).toBeInTheDocument();
    expect(within(valid).getByText('events')).toBeInTheDocument();

    const broken = sloRow('broken');
    expect(within(broken).getByText('Invalid: 2 errors')).toBeInTheDocument();
    expect(
      within(broken).getByText(
        'slos[1].objective: 100 leaves no error budget, so every bad event would exhaust it: use e.g. 99.99'
      )
    ).toBeInTheDocument();
    expect(within(broken).getByText('slos[1].sli.events.errorQuery: missing {{.window}}')).toBeInTheDocument();

    const text = sloRow('entry 3');
    expect(within(text).getByText('just text')).toBeInTheDocument();
    expect(within(text).getByText('slos[2]: must be an object, got string "just text"')).toBeInTheDocument();
  });

  it('asks before deleting, and deletes only when confirmed', async () => {
    const { fetch } = setUpGrafana();
    renderConfig({ slos: [slo('a'), slo('b')] });

    fireEvent.click(buttonNamed('Delete a'));
    let dialog = await findDialog('Delete SLO');
    expect(dialog).toHaveTextContent('Delete "a" from the list?');
    fireEvent.click(buttonIn(dialog, 'Cancel'));
    await waitFor(() => expect(screen.queryByText('Delete "a" from the list?')).not.toBeInTheDocument());
    expect(sloRow('a')).toBeInTheDocument();

    fireEvent.click(buttonNamed('Delete a'));
    dialog = await findDialog('Delete SLO');
    fireEvent.click(buttonIn(dialog, 'Delete'));
    await waitFor(() => expect(screen.queryByLabelText('SLO a', { selector: 'tr' })).not.toBeInTheDocument());
    expect(sloRow('b')).toBeInTheDocument();

    fireEvent.click(buttonNamed('Save settings'));
    await waitFor(() => expect(fetch).toHaveBeenCalled());
    expect(postedData(fetch).jsonData.slos).toEqual([slo('b')]);
  });

  it('edits an entry in place and adds a new one at the end', () => {
    setUpGrafana();
    renderConfig({ slos: [slo('a'), slo('b')] });

    fireEvent.click(buttonNamed('Edit a'));
    expect(buttonNamed('Save settings')).toBeDisabled();
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'Renamed' } });
    fireEvent.click(buttonNamed('Update the list'));
    expect(within(sloRow('a')).getByText('Renamed')).toBeInTheDocument();

    fireEvent.click(buttonNamed('Add SLO'));
    fireEvent.change(screen.getByLabelText(/^ID/), { target: { value: 'c' } });
    fireEvent.change(screen.getByLabelText('Name'), { target: { value: 'New one' } });
    fireEvent.change(screen.getByLabelText('Service'), { target: { value: 'checkout' } });
    fireEvent.change(screen.getByLabelText(/^Error query/), { target: { value: 'sum(rate(e[{{.window}}]))' } });
    fireEvent.change(screen.getByLabelText(/^Total query/), { target: { value: 'sum(rate(t[{{.window}}]))' } });
    fireEvent.click(buttonNamed('Add to the list'));

    const ids = Array.from(document.querySelectorAll('tbody tr')).map((row) => row.getAttribute('aria-label'));
    expect(ids).toEqual(['SLO a', 'SLO b', 'SLO c']);
    expect(within(sloRow('c')).getByText('Valid')).toBeInTheDocument();
  });
});
