import { Badge } from '@/components/ui/badge';
import type { PendingActionStatus } from '@/db/schema';
import { KNOX_STATUS_LABELS, type KnoxStatus } from '@/lib/knox-api/approval/codes';
import { ACTION_STATUS_LABELS, ACTION_STATUS_TONES, KNOX_STATUS_TONES } from './labels';

export function KnoxStatusBadge({ status }: { status: number }) {
  const label = KNOX_STATUS_LABELS[status as KnoxStatus] ?? `코드 ${status}`;
  return <Badge tone={KNOX_STATUS_TONES[status] ?? 'gray'}>{label}</Badge>;
}

export function ActionStatusBadge({ status }: { status: PendingActionStatus }) {
  return <Badge tone={ACTION_STATUS_TONES[status]}>{ACTION_STATUS_LABELS[status]}</Badge>;
}
