import { describe, expect, it } from 'vitest';
import type { ApprovalChange, Viewer } from './events';
import { LiveHub, type LiveMessage } from './hub';

const kim: Viewer = { id: 'usr_kim', role: 'employee' };
const lee: Viewer = { id: 'usr_lee', role: 'employee' };
const admin: Viewer = { id: 'usr_admin', role: 'admin' };

const change = (apInfId: string, requesterId: string | null = 'usr_kim'): ApprovalChange => ({
  kind: 'approval',
  apInfId,
  status: 'executed',
  requesterId,
});

function hub(options: Partial<ConstructorParameters<typeof LiveHub>[0]> = {}) {
  return new LiveHub({ ringSize: 3, maxStreamsPerUser: 2, epoch: 'e1', ...options });
}

function collect(h: LiveHub, viewer: Viewer, lastEventId?: string) {
  const got: LiveMessage[] = [];
  const subscription = h.subscribe(viewer, (message) => got.push(message), lastEventId);
  const ids = () => got.map((m) => (m.type === 'event' ? m.event.apInfId : 'reload'));
  return { got, ids, subscription };
}

describe('the live hub', () => {
  it("fans an approval's change out to its requester and admins only", () => {
    const h = hub({ maxStreamsPerUser: 5 });
    const kimTab1 = collect(h, kim);
    const kimTab2 = collect(h, kim);
    const leeTab = collect(h, lee);
    const adminTab = collect(h, admin);
    h.publish(change('AP1'));
    h.publish(change('AP2', 'usr_lee'));
    h.publish(change('AP3', null));
    expect(kimTab1.ids()).toEqual(['AP1']);
    expect(kimTab2.ids()).toEqual(['AP1']);
    expect(leeTab.ids()).toEqual(['AP2']);
    expect(adminTab.ids()).toEqual(['AP1', 'AP2', 'AP3']);
  });

  it('stops sending to a closed stream', () => {
    const h = hub();
    const tab = collect(h, kim);
    tab.subscription!.close();
    tab.subscription!.close();
    h.publish(change('AP1'));
    expect(tab.got).toEqual([]);
    expect(h.streamCount()).toBe(0);
  });

  it('replays what a reconnecting stream missed, only what its viewer may see', () => {
    const h = hub();
    const first = collect(h, kim);
    const seen = first.subscription!.headId;
    first.subscription!.close();
    h.publish(change('AP1'));
    h.publish(change('AP2', 'usr_lee'));
    const again = collect(h, kim, seen);
    expect(again.ids()).toEqual(['AP1']);
    // Reconnecting from the last event: nothing is sent twice.
    const last = (again.got[0] as Extract<LiveMessage, { type: 'event' }>).event.id;
    again.subscription!.close();
    expect(collect(h, kim, last).ids()).toEqual([]);
  });

  it('says reload when the missed events have left the ring, or the id is from elsewhere', () => {
    const h = hub({ ringSize: 2 });
    const seen = collect(h, kim).subscription!.headId;
    for (const id of ['AP1', 'AP2', 'AP3']) h.publish(change(id));
    const fresh = hub({ maxStreamsPerUser: 9 });
    expect(collect(h, admin, seen).ids()).toEqual(['reload']);
    expect(collect(fresh, kim, 'other.1').ids()).toEqual(['reload']);
    expect(collect(fresh, kim, 'e1.99').ids()).toEqual(['reload']);
    expect(collect(fresh, kim, 'garbage').ids()).toEqual(['reload']);
  });

  it('tells every stream to reload after a lost LISTEN, and a later reconnect replays from there', () => {
    const h = hub();
    const tab = collect(h, kim);
    h.publish(change('AP1'));
    h.reloadAll();
    expect(tab.ids()).toEqual(['AP1', 'reload']);
    const reloadId = (tab.got[1] as Extract<LiveMessage, { type: 'reload' }>).id;
    const before = (tab.got[0] as Extract<LiveMessage, { type: 'event' }>).event.id;
    tab.subscription!.close();
    h.publish(change('AP2'));
    expect(collect(h, kim, reloadId).ids()).toEqual(['AP2']);
    expect(collect(h, admin, before).ids()).toEqual(['reload']);
  });

  it("bounds one person's streams; a closed one frees its place", () => {
    const h = hub();
    const one = collect(h, kim);
    collect(h, kim);
    expect(collect(h, kim).subscription).toBeNull();
    expect(collect(h, lee).subscription).not.toBeNull();
    one.subscription!.close();
    expect(collect(h, kim).subscription).not.toBeNull();
  });
});
