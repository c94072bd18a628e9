import { describe, expect, it } from 'vitest';
import { liveStreamUrl, watchedApInfId } from './watch-path';

describe('the document a page watches', () => {
  it('is the approval of a detail page, and nothing elsewhere', () => {
    expect(watchedApInfId('/approval/log/AP2026ABC_1')).toBe('AP2026ABC_1');
    expect(watchedApInfId('/approval/log/AP2026ABC_1/')).toBe('AP2026ABC_1');
    expect(watchedApInfId('/approval/log')).toBeNull();
    expect(watchedApInfId('/vendors/3')).toBeNull();
    expect(watchedApInfId('/approval/log/%E0%A4%A')).toBeNull();
    expect(watchedApInfId(null)).toBeNull();
  });

  it('is named in the stream URL, escaped', () => {
    expect(liveStreamUrl('/')).toBe('/api/live');
    expect(liveStreamUrl('/approval/log/a%20b')).toBe('/api/live?watch=a%20b');
  });
});
