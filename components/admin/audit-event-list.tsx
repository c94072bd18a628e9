import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { formatDateTimeSeconds } from '@/components/ui/format';
import { TableHead } from '@/components/ui/table-head';
import { auditKindLabel } from '@/lib/audit/labels';
import type { AuditEventRow } from '@/lib/audit/queries';
import { describeSignInFailure, SIGN_IN_FAILED_EVENT } from '@/lib/auth/sign-in-failure';
import { UNKNOWN_CLIENT_ADDRESS } from '@/lib/http/client-address';
import { withParticle } from '@/lib/text/particle';
import type { Tone } from '@/lib/tone';
import { VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';

const KIND_TONES: Record<string, Tone> = {
  [SIGN_IN_FAILED_EVENT]: 'danger',
  vendor_status_corrected: 'warning',
  template_version_restored: 'accent',
};

const vendorStatusLabel = (value: unknown) =>
  typeof value === 'string'
    ? (VENDOR_STATUS_LABELS[value as keyof typeof VENDOR_STATUS_LABELS] ?? value)
    : '—';

/** The subject as a person reads it: a vendor links to its page, an email address stays as it is. */
function Subject({ subject }: { subject: string | null }) {
  if (!subject) return <>—</>;
  const template = subject.match(/^template:(\d+)$/);
  if (template) {
    return (
      <Link href={`/admin/templates/${template[1]}`} className="text-indigo-700 hover:underline">
        결재 양식 #{template[1]}
      </Link>
    );
  }
  const vendor = subject.match(/^vendor:(\d+)$/);
  if (vendor) {
    return (
      <Link href={`/vendors/${vendor[1]}`} className="text-indigo-700 hover:underline">
        협력업체 #{vendor[1]}
      </Link>
    );
  }
  return <span className="break-all font-mono text-xs">{subject}</span>;
}

/** What happened, in one line per kind; unknown kinds show their detail as key: value pairs. */
function Detail({ event }: { event: AuditEventRow }) {
  const detail = event.detail;
  if (event.kind === 'vendor_status_corrected') {
    return (
      <>
        <span className="font-medium text-slate-900">
          {typeof detail.vendorName === 'string' ? `${detail.vendorName}: ` : ''}
          {vendorStatusLabel(detail.from)} → {vendorStatusLabel(detail.to)}
        </span>
        {typeof detail.note === 'string' ? (
          <span className="block text-slate-600">사유: {detail.note}</span>
        ) : null}
      </>
    );
  }
  if (event.kind === 'template_version_restored') {
    return (
      <span className="font-medium text-slate-900">
        {typeof detail.templateName === 'string' ? `${detail.templateName}: ` : ''}
        버전 {String(detail.restoredVersion)} 내용을 버전 {withParticle(String(detail.newVersion), '으로/로')}{' '}
        복원
      </span>
    );
  }
  if (event.kind === SIGN_IN_FAILED_EVENT) {
    return (
      <>
        <span className="text-slate-900">{describeSignInFailure(detail)}</span>
        {typeof detail.userAgent === 'string' ? (
          <span className="block break-all text-xs text-slate-500">{detail.userAgent}</span>
        ) : null}
      </>
    );
  }
  const entries = Object.entries(detail).filter(([, value]) => value !== null && value !== undefined);
  if (entries.length === 0) return <>—</>;
  return (
    <span className="break-words text-slate-700">
      {entries
        .map(([key, value]) => `${key}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
        .join(' · ')}
    </span>
  );
}

/** The audit trail as a table: when, what, to what, by whom, from where. */
export function AuditEventList({ events }: { events: AuditEventRow[] }) {
  return (
    <div className="overflow-x-auto">
      <table className="min-w-full text-sm">
        <TableHead
          columns={[
            { label: '일시' },
            { label: '종류' },
            { label: '대상' },
            { label: '내용' },
            { label: '수행자', className: 'whitespace-nowrap' },
            { label: '접속 주소' },
          ]}
        />
        <tbody className="divide-y divide-slate-100">
          {events.map((event) => (
            <tr key={event.id} data-testid="audit-event" className="align-top">
              <td className="whitespace-nowrap px-5 py-3 tabular-nums text-slate-600">
                {formatDateTimeSeconds(event.createdAt)}
              </td>
              <td className="px-3 py-3">
                <Badge tone={KIND_TONES[event.kind] ?? 'neutral'}>{auditKindLabel(event.kind)}</Badge>
              </td>
              <td className="px-3 py-3">
                <Subject subject={event.subject} />
              </td>
              <td className="px-3 py-3">
                <Detail event={event} />
              </td>
              <td className="px-3 py-3 text-slate-700">
                {event.actorName ?? (event.actorId ? event.actorId : '—')}
              </td>
              <td className="px-5 py-3 font-mono text-xs text-slate-600">
                {event.clientAddress && event.clientAddress !== UNKNOWN_CLIENT_ADDRESS
                  ? event.clientAddress
                  : '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
