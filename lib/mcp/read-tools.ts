import { z } from 'zod';
import type { Db } from '@/db';
import { VENDOR_STATUSES } from '@/db/schema';
import { getApprovalWithTimeline } from '@/lib/approval-log/queries';
import type { CurrentUser } from '@/lib/auth/current-user';
import { permissions } from '@/lib/auth/permissions';
import { isKnoxStatus } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel } from '@/lib/knox-api/approval/status-labels';
import { getVendorDetail, listVendors } from '@/lib/vendor/queries';
import { toolError, toolResult } from './results';

/** The LOW-risk tools: reads that run at once. */

export const listVendorsInput = z.object({
  query: z.string().max(100).optional().describe('업체명, 사업자등록번호, 업체코드, 업종 검색어'),
  status: z.enum(VENDOR_STATUSES).optional().describe('업체 상태로 거르기'),
  page: z.number().int().min(1).optional().describe('1부터 시작하는 페이지'),
  pageSize: z.number().int().min(1).max(100).optional().describe('페이지 크기 (기본 20, 최대 100)'),
});

export async function runListVendors(db: Db, input: z.infer<typeof listVendorsInput>) {
  const page = await listVendors(db, {
    query: input.query,
    status: input.status,
    page: input.page ?? 1,
    pageSize: input.pageSize ?? 20,
  });
  return toolResult({
    total: page.total,
    page: page.page,
    pageCount: page.pageCount,
    vendors: page.rows.map((vendor) => ({
      id: vendor.id,
      name: vendor.name,
      businessNumber: vendor.businessNumber,
      vendorCode: vendor.vendorCode,
      status: vendor.status,
      industry: vendor.industry,
      representative: vendor.representative,
    })),
  });
}

export const getVendorInput = z.object({
  vendorId: z.number().int().positive().describe('협력업체 ID (list_vendors의 id)'),
});

export async function runGetVendor(db: Db, input: z.infer<typeof getVendorInput>) {
  const detail = await getVendorDetail(db, input.vendorId);
  if (!detail) return toolError('NOT_FOUND', `협력업체를 찾을 수 없습니다: ${input.vendorId}`);
  return toolResult(detail);
}

export const getApprovalStatusInput = z.object({
  apInfId: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, { message: 'Knox 문서 ID 형식이 아닙니다' })
    .describe('Knox 결재 문서 ID (결재 도구가 돌려준 apInfId)'),
});

/** What became of an approval an agent asked for, even one whose call it lost (disconnect, timeout). */
export async function runGetApprovalStatus(
  db: Db,
  user: CurrentUser,
  input: z.infer<typeof getApprovalStatusInput>,
) {
  const detail = await getApprovalWithTimeline(db, input.apInfId);
  if (!detail) return toolError('NOT_FOUND', `결재 문서를 찾을 수 없습니다: ${input.apInfId}`);
  if (!permissions.manageApproval(user, detail.approval.requesterId)) {
    return toolError('FORBIDDEN', '본인이 상신한 결재만 조회할 수 있습니다');
  }
  const { approval, action, events } = detail;
  return toolResult({
    apInfId: approval.apInfId,
    title: approval.title,
    knoxStatus: approval.status,
    knoxStatusLabel: isKnoxStatus(approval.status) ? knoxStatusLabel(approval.status) : null,
    requester: approval.requesterName,
    submittedAt: approval.submittedAt,
    decidedAt: approval.decidedAt,
    action: action && {
      id: action.id,
      actionType: action.actionType,
      status: action.status,
      executedAt: action.executedAt,
      result: action.executionResult,
      error: action.errorMessage,
    },
    events: events.map((event) => ({
      at: event.createdAt,
      type: event.eventType,
      actor: event.actor,
      from: event.fromStatus,
      to: event.toStatus,
    })),
  });
}
