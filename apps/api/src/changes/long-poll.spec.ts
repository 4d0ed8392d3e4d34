import { contentEtag, etagMatches, preferredWaitMs } from './long-poll';

describe('Prefer: wait', () => {
  it.each([
    [undefined, 0],
    ['', 0],
    ['wait=10', 10_000],
    ['respond-async, wait=5', 5_000],
    ['return=minimal; wait="7"', 7_000],
    ['WAIT=3', 3_000],
    ['wait=600', 30_000],
    ['wait=abc', 0],
    ['handling=lenient', 0],
  ])('%j → %d ms', (prefer, ms) => {
    expect(preferredWaitMs(prefer)).toBe(ms);
  });
});

describe('If-None-Match', () => {
  it('compares weakly and accepts lists and *', () => {
    expect(etagMatches('W/"v3"', 'W/"v3"')).toBe(true);
    expect(etagMatches('"v3"', 'W/"v3"')).toBe(true);
    expect(etagMatches('W/"v2", W/"v3"', 'W/"v3"')).toBe(true);
    expect(etagMatches('*', 'W/"v3"')).toBe(true);
    expect(etagMatches('W/"v2"', 'W/"v3"')).toBe(false);
    expect(etagMatches(undefined, 'W/"v3"')).toBe(false);
  });

  it('tags equal inboxes alike and different ones apart', () => {
    expect(contentEtag([{ id: 'a' }])).toBe(contentEtag([{ id: 'a' }]));
    expect(contentEtag([{ id: 'a' }])).not.toBe(contentEtag([{ id: 'b' }]));
  });
});
