import { desc, eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { pqSubmissions, vendors } from '@/db/schema';
import {
  ApprovalInputError,
  type ApprovalRequester,
  approversInputSchema,
  type DocumentVariables,
  htmlDescriptionList,
  htmlListConverter,
  htmlTableConverter,
  kstDate,
  parseApprovalInput,
  replacesInputSchema,
  requesterVariables,
  type WithApprovalResult,
  withApproval,
} from '@/lib/approval';
import { env } from '@/lib/env';
import { PQ_STATUS_LABELS, VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';
import { REGULAR_REGISTRATION_DOCUMENT } from './document';
import type { VendorRegistrationPayload } from './handlers';

/** The action type (the manifest registers it, withApproval submits it). */
export const VENDOR_REGISTRATION_ACTION = 'vendor_regular_registration';

export const regularRegistrationRequestSchema = z.object({
  vendorId: z.coerce.number({ message: '협력업체가 올바르지 않습니다' }).int().positive(),
  reason: z
    .string({ message: '등록 사유를 입력하세요' })
    .trim()
    .min(1, { message: '등록 사유를 입력하세요' })
    .max(2000),
  /** 거래 예정 품목 */
  items: z.array(z.string().trim().min(1).max(200)).max(50).default([]),
  approvers: approversInputSchema,
  /** 다시 요청: the ended approval this one replaces (withApproval checks it). */
  replaces: replacesInputSchema,
});

/** 정규업체 등록: a vendor whose PQ was approved becomes a regular supplier when Knox approves. */
export async function requestRegularRegistration(
  rawInput: unknown,
  currentUser: ApprovalRequester,
): Promise<WithApprovalResult> {
  const input = parseApprovalInput(regularRegistrationRequestSchema, rawInput);
  const db = await getDb();
  const requester = await requesterVariables(db, currentUser, env().APPROVAL_WORKFLOW_ENABLED);
  const [vendor] = await db.select().from(vendors).where(eq(vendors.id, input.vendorId));
  if (!vendor) throw new ApprovalInputError(`협력업체를 찾을 수 없습니다: ${input.vendorId}`);
  if (vendor.status !== 'pq_approved') {
    throw new ApprovalInputError(
      `정규업체 등록은 PQ 승인된 업체만 가능합니다 (${vendor.name}: ${VENDOR_STATUS_LABELS[vendor.status]})`,
    );
  }
  const history = await db
    .select()
    .from(pqSubmissions)
    .where(eq(pqSubmissions.vendorId, vendor.id))
    .orderBy(desc(pqSubmissions.submittedAt));
  const payload: VendorRegistrationPayload = {
    vendorId: vendor.id,
    reason: input.reason,
    items: input.items,
    requestedBy: currentUser.id,
    previousStatus: vendor.status,
  };
  return withApproval(VENDOR_REGISTRATION_ACTION, payload, {
    title: `[정규업체 등록] ${vendor.name}`,
    templateName: REGULAR_REGISTRATION_DOCUMENT.templateName,
    variables: {
      ...requester,
      협력업체명: vendor.name,
      업체정보: htmlDescriptionList([
        { label: '업체명', value: vendor.name },
        { label: '사업자등록번호', value: vendor.businessNumber },
        { label: '대표자', value: vendor.representative },
        { label: '업종', value: vendor.industry },
        { label: '소재지', value: vendor.address },
        { label: '담당자', value: `${vendor.contactName} (${vendor.contactEmail})` },
      ]),
      심사이력: htmlTableConverter(
        history.map((pq) => ({
          no: pq.submissionNo,
          date: kstDate(pq.reviewedAt ?? pq.submittedAt),
          score: pq.score ?? '-',
          status: PQ_STATUS_LABELS[pq.status],
        })),
        [
          { key: 'no', label: 'PQ 번호' },
          { key: 'date', label: '심사일' },
          { key: 'score', label: '점수' },
          { key: 'status', label: '결과' },
        ],
      ),
      거래품목: input.items.length > 0 ? htmlListConverter(input.items) : '-',
      등록사유: input.reason,
    } satisfies DocumentVariables<typeof REGULAR_REGISTRATION_DOCUMENT>,
    approvers: input.approvers,
    replaces: input.replaces,
    currentUser,
  });
}
