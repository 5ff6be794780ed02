import { concurrencyLimit } from './concurrencyLimit';

describe('concurrencyLimit', () => {
  it('keeps at most the limit in flight, and runs every task with its own result', async () => {
    const limited = concurrencyLimit(3);
    let inFlight = 0;
    let peak = 0;
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, index) =>
        limited(async () => {
          inFlight++;
          peak = Math.max(peak, inFlight);
          await new Promise((resolve) => setTimeout(resolve, index % 4));
          inFlight--;
          return index * 2;
        })
      )
    );
    expect(peak).toBe(3);
    expect(results).toEqual(Array.from({ length: 20 }, (_, index) => index * 2));
  });

  it('hands a failed task’s slot on, and passes its error to its caller', async () => {
    const limited = concurrencyLimit(1);
    const failing = limited(async () => {
      throw new Error('bad_data');
    });
    const next = limited(async () => 'ran');
    await expect(failing).rejects.toThrow('bad_data');
    await expect(next).resolves.toBe('ran');
  });
});
