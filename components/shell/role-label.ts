import type { UserRole } from '@/db/schema';

export const ROLE_LABELS: Record<UserRole, string> = {
  employee: '임직원',
  approver: '결재권자',
  admin: '관리자',
};
