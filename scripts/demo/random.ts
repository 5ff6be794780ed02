/** A seeded source of uniform numbers in [0, 1), so the demo data is the same for the same seed. */
export type Random = () => number;

// Looking up the global `Math` on every draw is slow inside Jest's vm sandbox; one lookup here avoids it.
const { imul } = Math;

/** mulberry32: 32 bits of state, fast, and good enough for simulated traffic. */
export function createRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = state;
    mixed = imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + imul(mixed ^ (mixed >>> 7), mixed | 61);
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * A seed for one named stream of random numbers. Each scenario draws from its own stream, so changing
 * one scenario leaves the numbers of the others as they were.
 */
export function deriveSeed(seed: number, streamName: string): number {
  let hash = (0x811c9dc5 ^ seed) >>> 0;
  for (let index = 0; index < streamName.length; index++) {
    hash = imul(hash ^ streamName.charCodeAt(index), 0x01000193) >>> 0;
  }
  // Murmur3's finalizer spreads nearby seeds over the whole 32-bit range.
  hash = imul(hash ^ (hash >>> 16), 0x85ebca6b);
  hash = imul(hash ^ (hash >>> 13), 0xc2b2ae35);
  return (hash ^ (hash >>> 16)) >>> 0;
}

export function createStream(seed: number, streamName: string): Random {
  return createRandom(deriveSeed(seed, streamName));
}
