import { randomBytes } from 'node:crypto';
import { type ApprovalChange, type LiveEvent, mayReceive, type Viewer } from './events';

/** A message on one stream: an event it may see, or "reload" when what was missed is unknown. */
export type LiveMessage = { type: 'event'; event: LiveEvent } | { type: 'reload'; id: string };

export interface LiveHubOptions {
  /** Events kept for `Last-Event-ID` replay. */
  ringSize: number;
  /** Open streams one person may hold (tabs); one more is refused. */
  maxStreamsPerUser: number;
  /** Distinguishes this hub's ids from another instance's or an earlier process's. */
  epoch?: string;
}

export interface Subscription {
  /** The id to send first, so that a reconnect names where it left off even before any event. */
  headId: string;
  close(): void;
}

interface Subscriber {
  viewer: Viewer;
  send: (message: LiveMessage) => void;
}

/**
 * In-memory fan-out of engine changes to open streams: one LISTEN feeds it, each stream gets the
 * events its viewer may see, and a bounded ring replays what a reconnecting stream missed.
 */
export class LiveHub {
  readonly epoch: string;
  private sequence = 0;
  private readonly ring: LiveEvent[] = [];
  private readonly subscribers = new Set<Subscriber>();
  private readonly perUser = new Map<string, number>();

  constructor(private readonly options: LiveHubOptions) {
    this.epoch = options.epoch ?? randomBytes(4).toString('hex');
  }

  private idOf(sequence: number): string {
    return `${this.epoch}.${sequence}`;
  }

  /** The sequence number a `Last-Event-ID` names in this hub, or null for a foreign or bad id. */
  private sequenceOf(id: string): number | null {
    const [epoch, sequence, ...rest] = id.split('.');
    if (epoch !== this.epoch || rest.length > 0 || !/^\d+$/.test(sequence ?? '')) return null;
    const value = Number(sequence);
    return value <= this.sequence ? value : null;
  }

  publish(change: ApprovalChange): LiveEvent {
    this.sequence += 1;
    const event: LiveEvent = { ...change, id: this.idOf(this.sequence) };
    this.ring.push(event);
    if (this.ring.length > this.options.ringSize) this.ring.shift();
    for (const subscriber of this.subscribers) {
      if (mayReceive(subscriber.viewer, event)) subscriber.send({ type: 'event', event });
    }
    return event;
  }

  /** Every stream is told to reload: changes may have been missed (the LISTEN connection was lost). */
  reloadAll(): void {
    this.sequence += 1;
    const id = this.idOf(this.sequence);
    // An id past the ring's events: a later reconnect replays only what follows.
    this.ring.length = 0;
    for (const subscriber of this.subscribers) subscriber.send({ type: 'reload', id });
  }

  /**
   * Opens a stream for a viewer; null when the viewer already holds the most streams allowed.
   * With `lastEventId`, the events after it that the viewer may see are replayed at once, or
   * "reload" is sent when they are no longer all in the ring (or the id is from elsewhere).
   */
  subscribe(
    viewer: Viewer,
    send: (message: LiveMessage) => void,
    lastEventId?: string | null,
  ): Subscription | null {
    const held = this.perUser.get(viewer.id) ?? 0;
    if (held >= this.options.maxStreamsPerUser) return null;
    this.perUser.set(viewer.id, held + 1);
    const subscriber: Subscriber = { viewer, send };
    const headId = this.idOf(this.sequence);
    if (lastEventId) {
      const after = this.sequenceOf(lastEventId);
      const oldest = this.ring[0] ? Number(this.ring[0].id.split('.')[1]) : this.sequence + 1;
      if (after === null || after + 1 < oldest) send({ type: 'reload', id: headId });
      else {
        for (const event of this.ring) {
          if (Number(event.id.split('.')[1]) > after && mayReceive(viewer, event))
            send({ type: 'event', event });
        }
      }
    }
    this.subscribers.add(subscriber);
    let closed = false;
    return {
      headId,
      close: () => {
        if (closed) return;
        closed = true;
        this.subscribers.delete(subscriber);
        const left = (this.perUser.get(viewer.id) ?? 1) - 1;
        if (left > 0) this.perUser.set(viewer.id, left);
        else this.perUser.delete(viewer.id);
      },
    };
  }

  streamCount(): number {
    return this.subscribers.size;
  }
}
