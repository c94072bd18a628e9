import { describe, expect, it } from 'vitest';
import { diffSummary, templateLineDiff } from './template-diff';

describe('templateLineDiff', () => {
  it('marks each line added, removed or the same, with its numbers on either side', () => {
    const lines = templateLineDiff(
      '<h2>제목</h2>\n<p>{{사유}}</p>\n<p>끝</p>',
      '<h2>제목</h2>\n<p>{{사유}} 보완</p>\n<p>끝</p>\n',
    );
    expect(lines).toEqual([
      { kind: 'same', oldNumber: 1, newNumber: 1, text: '<h2>제목</h2>' },
      { kind: 'removed', oldNumber: 2, newNumber: null, text: '<p>{{사유}}</p>' },
      { kind: 'added', oldNumber: null, newNumber: 2, text: '<p>{{사유}} 보완</p>' },
      { kind: 'same', oldNumber: 3, newNumber: 3, text: '<p>끝</p>' },
    ]);
    expect(diffSummary(lines)).toEqual({ added: 1, removed: 1 });
  });

  it('is all the same for identical versions', () => {
    const lines = templateLineDiff('a\nb', 'a\nb');
    expect(lines.map((line) => line.kind)).toEqual(['same', 'same']);
    expect(diffSummary(lines)).toEqual({ added: 0, removed: 0 });
  });
});
