import { useEffect, useState } from 'react';
import type { SloSpec } from '../../domain';
import { type SloHistoryReading, readSloHistory } from './readSloHistory';

export type SloHistoryState = { kind: 'idle' } | { kind: 'loading' } | SloHistoryReading;

interface Answer {
  key: string;
  reading: SloHistoryReading;
}

/**
 * The buckets an SLO's backtest needs, read once: a later request that needs no more data than was read
 * (the same SLO and time, a look-back no longer) is answered from what is loaded, so editing a factor,
 * an objective or a shorter window sends nothing to Prometheus. A longer look-back reads again.
 */
export function useSloHistory(
  spec: SloSpec | null,
  datasource: string | null,
  now: number,
  lookBack: number | null
): SloHistoryState {
  const [answer, setAnswer] = useState<Answer | null>(null);
  const loaded = answer?.reading.kind === 'loaded' ? answer.reading.history : null;
  const covered =
    spec !== null && loaded !== null && loaded.sloId === spec.id && loaded.now === now && lookBack !== null
      ? loaded.lookBack >= lookBack
      : false;
  const wanted = covered ? loaded!.lookBack : lookBack;
  const key = spec && datasource && wanted !== null ? JSON.stringify([spec.id, datasource, now, wanted]) : null;

  useEffect(() => {
    if (key === null || !spec || !datasource || wanted === null || answer?.key === key) {
      return;
    }
    let current = true;
    readSloHistory(spec, { datasource, now, lookBack: wanted }).then((reading) => {
      if (current) {
        setAnswer({ key, reading });
      }
    });
    return () => {
      current = false;
    };
    // The key stands for the SLO, the data source, the time and the look-back.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);

  if (key === null) {
    return { kind: 'idle' };
  }
  return answer?.key === key ? answer.reading : { kind: 'loading' };
}
