import { DAY_SECONDS, HOUR_SECONDS } from './timeline';

// Looked up once: the global `Math` is slow to reach from hot loops inside Jest's vm sandbox.
const { cos, PI } = Math;

/**
 * Multiplier of a service's mean request rate at `time`: a cosine over the day peaking at `peakHourUtc`,
 * between 1 - amplitude and 1 + amplitude.
 */
export function dailyCycle(time: number, amplitude: number, peakHourUtc: number): number {
  const hourOfDay = (time % DAY_SECONDS) / HOUR_SECONDS;
  return 1 + amplitude * cos((2 * PI * (hourOfDay - peakHourUtc)) / 24);
}
