import { Badge } from '@/components/ui/badge';
import type { PendingActionStatus } from '@/db/schema';
import { ACTION_STATUS_LABELS, ACTION_STATUS_TONES } from '@/lib/approval/labels';
import { knoxStatusLabel, knoxStatusTone } from '@/lib/knox-api/approval/status-labels';

export function KnoxStatusBadge({ status }: { status: number }) {
  return <Badge tone={knoxStatusTone(status)}>{knoxStatusLabel(status)}</Badge>;
}

export function ActionStatusBadge({ status }: { status: PendingActionStatus }) {
  return <Badge tone={ACTION_STATUS_TONES[status]}>{ACTION_STATUS_LABELS[status]}</Badge>;
}
