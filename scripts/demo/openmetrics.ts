import { sampleTime, type MetricFamily, type SampleGrid, type Series } from './series';

export type WriteChunk = (chunk: string) => void | Promise<void>;

/** The samples with indices firstIndex..lastIndex (inclusive) go to `write`, as a document of their own. */
export interface OutputSlice {
  firstIndex: number;
  lastIndex: number;
  write: WriteChunk;
}

export interface ExpositionStats {
  series: number;
  samples: number;
  characters: number;
}

const CHUNK_CHARACTERS = 1 << 20;
// Looked up once: globals are slow to reach from hot loops inside Jest's vm sandbox.
const isMissing = Number.isNaN;
const formatInteger = String;

/**
 * Writes metric families in the OpenMetrics text format as promtool's backfill reads it: each family's
 * lines together, each series' samples in time order, timestamps in seconds, `# EOF` at the end. Each
 * output slice is a complete document with the samples of its time range.
 */
export class OpenMetricsWriter {
  readonly stats: ExpositionStats = { series: 0, samples: 0, characters: 0 };
  private readonly timestampSuffixes: string[];
  private readonly pending: string[];

  constructor(
    grid: SampleGrid,
    private readonly slices: readonly OutputSlice[]
  ) {
    this.timestampSuffixes = Array.from({ length: grid.count }, (_, index) => ` ${sampleTime(grid, index)}\n`);
    this.pending = slices.map(() => '');
  }

  async writeFamily(family: MetricFamily): Promise<void> {
    const header = `# HELP ${family.name} ${family.help}\n# TYPE ${family.name} ${family.type}\n`;
    for (let slice = 0; slice < this.slices.length; slice++) {
      this.pending[slice] += header;
    }
    for (const series of family.series) {
      this.stats.series++;
      for (let slice = 0; slice < this.slices.length; slice++) {
        await this.writeSeries(series, slice);
      }
    }
  }

  async finish(): Promise<void> {
    for (let slice = 0; slice < this.slices.length; slice++) {
      this.pending[slice] += '# EOF\n';
      await this.flush(slice);
    }
  }

  private async writeSeries(series: Series, slice: number): Promise<void> {
    const labels = series.labels.map(([name, value]) => `${name}="${escapeLabelValue(value)}"`).join(',');
    const prefix = `${series.name}{${labels}} `;
    const format = series.format === 'thousandths' ? formatThousandths : formatInteger;
    const { values } = series;
    const { firstIndex, lastIndex } = this.slices[slice];
    let text = this.pending[slice];
    for (let index = firstIndex; index <= lastIndex; index++) {
      const value = values[index];
      if (isMissing(value)) {
        continue;
      }
      text += prefix + format(value) + this.timestampSuffixes[index];
      this.stats.samples++;
      if (text.length >= CHUNK_CHARACTERS) {
        this.pending[slice] = text;
        await this.flush(slice);
        text = '';
      }
    }
    this.pending[slice] = text;
  }

  private async flush(slice: number): Promise<void> {
    const chunk = this.pending[slice];
    this.pending[slice] = '';
    this.stats.characters += chunk.length;
    await this.slices[slice].write(chunk);
  }
}

function formatThousandths(value: number): string {
  const thousandths = value % 1000;
  return `${(value - thousandths) / 1000}.${String(thousandths).padStart(3, '0')}`;
}

function escapeLabelValue(value: string): string {
  return value.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n');
}
