import { once } from 'node:events';
import { createWriteStream, type WriteStream } from 'node:fs';
import path from 'node:path';
import { generateOpenMetrics, generateOpenMetricsByTime, type DemoDataOptions } from './demo-data';
import type { ExpositionStats } from './openmetrics';

/** A file written chunk by chunk, waiting whenever the disk falls behind. */
export class FileSink {
  private readonly stream: WriteStream;
  private readonly failure: Promise<never>;

  constructor(readonly path: string) {
    this.stream = createWriteStream(path);
    this.failure = once(this.stream, 'error').then(([error]) => Promise.reject(error));
    // Whoever awaits next sees the failure; this only keeps Node from reporting it as unhandled.
    this.failure.catch(() => undefined);
  }

  readonly write = async (chunk: string): Promise<void> => {
    if (!this.stream.write(chunk)) {
      await Promise.race([once(this.stream, 'drain'), this.failure]);
    }
  };

  async close(): Promise<void> {
    this.stream.end();
    await Promise.race([once(this.stream, 'finish'), this.failure]);
  }
}

export async function writeOpenMetricsFile(filePath: string, options: DemoDataOptions): Promise<ExpositionStats> {
  const sink = new FileSink(filePath);
  const stats = await generateOpenMetrics(options, sink.write);
  await sink.close();
  return stats;
}

/** One file per time slice (see generateOpenMetricsByTime), named `<start>-<end>.om` in `directory`. */
export async function writeOpenMetricsSliceFiles(
  directory: string,
  options: DemoDataOptions,
  sliceSeconds: number
): Promise<{ files: string[]; stats: ExpositionStats }> {
  const sinks: FileSink[] = [];
  const stats = await generateOpenMetricsByTime(options, sliceSeconds, (start, end) => {
    const sink = new FileSink(path.join(directory, `${start}-${end}.om`));
    sinks.push(sink);
    return sink.write;
  });
  await Promise.all(sinks.map((sink) => sink.close()));
  return { files: sinks.map((sink) => sink.path), stats };
}
