import { describe, expect, it } from 'vitest';
import { messageFrame, sseFrame } from './sse';

describe('SSE frames', () => {
  it('carry the id, the event name and one line of JSON, without the requester', () => {
    const frame = messageFrame({
      type: 'event',
      event: { id: 'e.1', kind: 'approval', apInfId: 'AP1', status: 'rejected', requesterId: 'usr_kim' },
    });
    expect(frame).toBe(
      'id: e.1\nevent: approval\ndata: {"kind":"approval","apInfId":"AP1","status":"rejected"}\n\n',
    );
    expect(messageFrame({ type: 'reload', id: 'e.2' })).toBe('id: e.2\nevent: reload\ndata: {}\n\n');
  });

  it('cannot be split by a payload with line breaks', () => {
    expect(sseFrame({ data: 'a\n\nid: x' })).toBe('data: "a\\n\\nid: x"\n\n');
    expect(sseFrame({ retry: 2000 })).toBe('retry: 2000\n\n');
  });
});
