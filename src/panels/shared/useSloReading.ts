import { useEffect, useState } from 'react';
import type { SloSpec } from '../../domain';
import type { PanelReading } from './panelSlo';
import { type SloSourceRequest, type SloSourceServices, grafanaServices, loadSloReading } from './sloSource';

export interface SloReadingState {
  loading: boolean;
  reading: PanelReading | null;
  spec: SloSpec | null;
}

interface Answer {
  key: string;
  reading: PanelReading;
  spec: SloSpec | null;
}

/**
 * Loads an SLO of the app for a panel and keeps the last answer while the next one loads (a dashboard
 * refresh must not blank the panel). Null request: nothing to load. Superseded requests are cancelled
 * (taken out of the data source's queue, or aborted in flight) and their answers dropped.
 */
export function useSloReading(
  request: SloSourceRequest | null,
  services: SloSourceServices = grafanaServices
): SloReadingState {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const key = request
    ? JSON.stringify([request.sloId, request.datasource, request.from, request.to, request.historySeconds])
    : null;

  useEffect(() => {
    if (!request || key === null) {
      return;
    }
    let current = true;
    // A superseded request leaves the data source's queue, or is cancelled in flight.
    const controller = new AbortController();
    loadSloReading(request, services, controller.signal).then(
      ({ reading, spec }) => {
        if (current) {
          setAnswer({ key, reading, spec });
        }
      },
      (error: unknown) => {
        if (current) {
          const message = error instanceof Error ? error.message : String(error);
          setAnswer({
            key,
            spec: null,
            reading: { kind: 'notice', notice: { severity: 'error', title: 'Cannot load the SLO', message } },
          });
        }
      }
    );
    return () => {
      current = false;
      controller.abort(new Error('superseded by a newer request of this panel'));
    };
    // The key stands for the request's contents.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, services]);

  if (key === null) {
    return { loading: false, reading: null, spec: null };
  }
  return { loading: answer?.key !== key, reading: answer?.reading ?? null, spec: answer?.spec ?? null };
}
