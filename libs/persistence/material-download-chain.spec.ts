import { brokenDownloads, downloadHash } from './material-download-chain';

const download = (actor: string) => ({ materialId: '00000000-0000-4000-8000-000000000001', caseId: 'talent-permits-k1', at: '2026-11-30T08:00:00.000Z', actor, role: 'agency', agency: 'talent-bureau', sha256: 'a'.repeat(64) });

describe('the download chain', () => {
  it('holds when each row carries the hash of the one before, and breaks where a row went missing', () => {
    const first = { ...download('u1'), seq: 1, prevHash: null, hash: downloadHash(null, download('u1')) };
    const second = { ...download('u2'), seq: 2, prevHash: first.hash, hash: downloadHash(first.hash, download('u2')) };
    const third = { ...download('u3'), seq: 3, prevHash: second.hash, hash: downloadHash(second.hash, download('u3')) };
    expect(brokenDownloads([first, second, third])).toEqual([]);
    expect(brokenDownloads([first, third])).toEqual([3]);
    expect(brokenDownloads([first, { ...second, actor: 'someone-else' }, third])).toEqual([2]);
  });
});
