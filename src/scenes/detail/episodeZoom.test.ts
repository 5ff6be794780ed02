import { episodeZoomRange } from './episodeZoom';

const HOUR = 3600;
const T = 1793318400;

describe('episodeZoomRange', () => {
  it('widens a short episode by 30 minutes on each side', () => {
    expect(episodeZoomRange({ start: T, end: T + 20 * 60, open: false })).toEqual({
      from: T - 30 * 60,
      to: T + 50 * 60,
    });
  });

  it('widens a long one by a quarter of its length, on whole minutes', () => {
    expect(episodeZoomRange({ start: T + 17, end: T + 4 * HOUR + 17, open: false })).toEqual({
      from: T - HOUR,
      to: T + 5 * HOUR + 60,
    });
  });

  it('ends an episode still open where it is, at the end of the range', () => {
    // A quarter of 3h 37s is 45 min 9 s: the start goes back to the minute before that.
    expect(episodeZoomRange({ start: T, end: T + 3 * HOUR + 37, open: true })).toEqual({
      from: T - 46 * 60,
      to: T + 3 * HOUR + 37,
    });
  });
});
