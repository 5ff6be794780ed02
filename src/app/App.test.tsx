import React from 'react';
import { render, screen, waitFor } from '@testing-library/react';
import type { AppRootProps } from '@grafana/data';
import { LocationServiceProvider, locationService } from '@grafana/runtime';
import { Route, Router, Routes, useLocation } from 'react-router-dom';
import type { AppJsonData } from '../settings/appSettings';
import App from './App';

function Location() {
  const location = useLocation();
  return <output aria-label="location">{`${location.pathname}${location.search}`}</output>;
}

/**
 * Grafana's history drives the router, as in Grafana's app shell; subscribed from the first render,
 * so that a redirect while mounting is not missed.
 */
function LocationServiceRouter({ children }: { children: React.ReactNode }) {
  const history = locationService.getHistory();
  const location = React.useSyncExternalStore(history.listen, () => history.location);
  return (
    <Router location={location} navigator={history}>
      {children}
    </Router>
  );
}

/** The app root as Grafana mounts it: under /a/<plugin id>/*. */
function renderAppAt(url: string) {
  locationService.push(url);
  const props = { meta: { id: 'sloburn-slo-app', jsonData: { slos: [] } } } as unknown as AppRootProps<AppJsonData>;
  render(
    <LocationServiceProvider service={locationService}>
      <LocationServiceRouter>
        <Routes>
          <Route path="/a/sloburn-slo-app/*" element={<App {...props} />} />
        </Routes>
        <Location />
      </LocationServiceRouter>
    </LocationServiceProvider>
  );
}

describe('the app root', () => {
  it('sends its own URL without a page to the overview, keeping the time range', async () => {
    renderAppAt('/a/sloburn-slo-app?from=now-7d&to=now');
    await waitFor(() =>
      expect(screen.getByLabelText('location')).toHaveTextContent('/a/sloburn-slo-app/slos?from=now-7d&to=now')
    );
    expect(await screen.findByText(/No SLOs are configured yet/)).toBeInTheDocument();
  });

  it('leaves the pages where they are', async () => {
    renderAppAt('/a/sloburn-slo-app/calculator');
    expect(await screen.findByLabelText(/^Objective/)).toBeInTheDocument();
    expect(screen.getByLabelText('location')).toHaveTextContent('/a/sloburn-slo-app/calculator');
  });
});
