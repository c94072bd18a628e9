import { describe, expect, it } from 'vitest';
import { occurredAt, orderTimeline } from './timeline';

const at = (iso: string) => new Date(iso);
const event = (id: number, eventType: string, createdAt: string, detail: Record<string, unknown> = {}) => ({
  id,
  eventType,
  createdAt: at(createdAt),
  detail,
});

describe('orderTimeline', () => {
  it("puts an approver's act at Knox's time of the act, before the execution recorded earlier", () => {
    const events = [
      event(1, 'created', '2026-12-02T01:00:00Z'),
      event(2, 'submitted', '2026-12-02T01:00:01Z'),
      event(3, 'execution_claimed', '2026-12-02T01:10:00Z'),
      event(4, 'executed', '2026-12-02T01:10:00Z'),
      event(5, 'approver_acted', '2026-12-02T01:10:05Z', {
        act: 'approved',
        actedAt: '2026-12-02T01:05:00Z',
      }),
    ];
    expect(orderTimeline(events).map((e) => e.id)).toEqual([1, 2, 5, 3, 4]);
  });

  it('an act without a readable time (보류) stays where it was written; ties keep write order', () => {
    const held = event(3, 'approver_acted', '2026-12-02T01:03:00Z', { act: 'held', actedAt: null });
    expect(occurredAt(held)).toEqual(at('2026-12-02T01:03:00Z'));
    const bad = event(4, 'approver_acted', '2026-12-02T01:04:00Z', { actedAt: 'not a time' });
    expect(occurredAt(bad)).toEqual(at('2026-12-02T01:04:00Z'));
    const events = [event(2, 'a', '2026-12-02T01:00:00Z'), event(1, 'b', '2026-12-02T01:00:00Z'), held, bad];
    expect(orderTimeline(events).map((e) => e.id)).toEqual([1, 2, 3, 4]);
  });
});
