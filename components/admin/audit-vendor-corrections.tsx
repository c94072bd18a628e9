import { Card, CardHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import type { AuditEventRow } from '@/lib/audit/queries';
import { VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';

const statusLabel = (value: unknown) =>
  typeof value === 'string'
    ? (VENDOR_STATUS_LABELS[value as keyof typeof VENDOR_STATUS_LABELS] ?? value)
    : '—';

/** A vendor's status corrections by admins: who, when, before → after, and the note. */
export function AuditVendorCorrections({ corrections }: { corrections: AuditEventRow[] }) {
  if (corrections.length === 0) return null;
  return (
    <Card className="mt-6">
      <CardHeader title="상태 정정 이력" description="관리자가 직접 바꾼 업체 상태 (감사 로그)" />
      <ul className="divide-y divide-slate-100">
        {corrections.map((event) => (
          <li key={event.id} className="px-5 py-3 text-sm" data-testid="vendor-correction">
            <p className="font-medium text-slate-900">
              {statusLabel(event.detail.from)} → {statusLabel(event.detail.to)}
            </p>
            <p className="mt-0.5 text-slate-700">{String(event.detail.note ?? '')}</p>
            <p className="mt-0.5 text-xs text-slate-500">
              {event.actorName ?? event.actorId ?? '—'} · {formatDateTime(event.createdAt)}
            </p>
          </li>
        ))}
      </ul>
    </Card>
  );
}
