import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';

export const DEMO_SLOS_FILE = path.resolve(__dirname, '..', '..', 'demo', 'slos.yaml');

/** The parts of demo/slos.yaml that the demo data's tests query; the app's own validator checks the rest. */
export interface DemoSlo {
  id: string;
  objective: number;
  breakdownLabels?: string[];
  sli: {
    events?: { errorQuery: string; totalQuery: string };
    ratio?: { goodQuery: string; totalQuery: string };
    raw?: { errorRatioQuery: string };
    latency?: { bucketMetric: string; threshold: string; selector: string };
    boolGauge?: { query: string };
  };
}

export function readDemoSlos(file: string = DEMO_SLOS_FILE): DemoSlo[] {
  const document = parse(readFileSync(file, 'utf8')) as { slos: DemoSlo[] };
  return document.slos;
}

export function demoSlo(id: string, slos: readonly DemoSlo[] = readDemoSlos()): DemoSlo {
  const slo = slos.find((candidate) => candidate.id === id);
  if (!slo) {
    throw new Error(`no SLO ${id} in ${DEMO_SLOS_FILE}`);
  }
  return slo;
}
