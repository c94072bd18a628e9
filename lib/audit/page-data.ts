import { forAdmin } from '@/lib/auth/data-access';
import { AUDIT_KIND_LABELS } from './labels';
import { listAuditEventKinds, listAuditEvents } from './queries';

/** What the admin audit page reads; it asks for an admin before it reads anything. */

/** One page of the audit trail, newest first, with every kind it holds for the filter. */
export const loadAuditLog = forAdmin(
  async ({ db }, filter: { kind?: string; page: number; pageSize: number }) => {
    const [events, stored] = await Promise.all([listAuditEvents(db, filter), listAuditEventKinds(db)]);
    const kinds = [...new Set([...Object.keys(AUDIT_KIND_LABELS), ...stored])];
    return { ...events, kinds };
  },
);
