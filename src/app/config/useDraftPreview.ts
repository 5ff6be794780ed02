import { useEffect, useMemo, useState } from 'react';
import type { SpecProblem } from '../../domain';
import { type DraftReading, checkDraft, draftDatasource, readDraft } from './readDraft';

/** Quiet time after the last edit before the draft is read: typing never waits for Prometheus. */
export const PREVIEW_DELAY_MS = 800;

export type DraftPreviewState =
  /** The YAML does not parse: the draft the editor holds is not what the user sees. */
  | { kind: 'unparsed' }
  | { kind: 'invalid'; errors: SpecProblem[] }
  | { kind: 'no-datasource' }
  /**
   * The draft is valid and is read (or waits for the quiet time); `reading` is the answer for this very
   * draft once it arrives, and until then the previous draft's, marked `stale`.
   */
  | { kind: 'reading'; reading: DraftReading | null; stale: boolean };

interface Answer {
  key: string;
  reading: DraftReading;
}

/**
 * Reads a draft SLO from Prometheus as it is edited: only a draft that validates, with its own data
 * source or the app's default, once the edits pause. A newer draft supersedes the read in flight: it is
 * aborted and its answer, should it come, is dropped.
 */
export function useDraftPreview(
  draft: unknown,
  {
    defaultDatasourceUid,
    unparsed = false,
    delayMs = PREVIEW_DELAY_MS,
  }: { defaultDatasourceUid: string | undefined; unparsed?: boolean; delayMs?: number }
): DraftPreviewState {
  const check = useMemo(() => checkDraft(draft), [draft]);
  const spec = check.kind === 'valid' ? check.spec : null;
  const datasource = spec ? draftDatasource(spec, defaultDatasourceUid) : undefined;
  const key = !unparsed && spec && datasource ? JSON.stringify([spec, datasource]) : null;
  const [answer, setAnswer] = useState<Answer | null>(null);

  useEffect(() => {
    if (key === null || !spec || !datasource) {
      return;
    }
    const controller = new AbortController();
    const timer = setTimeout(() => {
      readDraft(spec, { datasource, now: Math.floor(Date.now() / 1000), signal: controller.signal }).then(
        (reading) => {
          if (!controller.signal.aborted) {
            setAnswer({ key, reading });
          }
        },
        (error: unknown) => {
          if (!controller.signal.aborted) {
            const message = error instanceof Error ? error.message : String(error);
            setAnswer({
              key,
              reading: { kind: 'error', spec, datasource, now: Math.floor(Date.now() / 1000), message },
            });
          }
        }
      );
    }, delayMs);
    return () => {
      clearTimeout(timer);
      controller.abort();
    };
    // The key stands for the spec and the data source.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key, delayMs]);

  if (unparsed) {
    return { kind: 'unparsed' };
  }
  if (check.kind === 'invalid') {
    return { kind: 'invalid', errors: check.errors };
  }
  if (!datasource) {
    return { kind: 'no-datasource' };
  }
  return { kind: 'reading', reading: answer?.reading ?? null, stale: answer?.key !== key };
}
