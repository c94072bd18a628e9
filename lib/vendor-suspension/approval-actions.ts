import { eq } from 'drizzle-orm';
import { z } from 'zod';
import { getDb } from '@/db';
import { vendors } from '@/db/schema';
import {
  ApprovalInputError,
  type ApprovalRequester,
  approversInputSchema,
  type DocumentVariables,
  htmlDescriptionList,
  parseApprovalInput,
  requesterVariables,
  type WithApprovalResult,
  withApproval,
} from '@/lib/approval';
import { env } from '@/lib/env';
import { VENDOR_STATUS_LABELS } from '@/lib/vendor/labels';
import { SUSPENSION_DOCUMENT } from './document';
import type { VendorSuspensionPayload } from './handlers';

/** The action type (the manifest registers it, withApproval submits it). */
export const VENDOR_SUSPENSION_ACTION = 'vendor_suspension';

export const vendorSuspensionRequestSchema = z.object({
  vendorId: z.coerce.number({ message: '협력업체가 올바르지 않습니다' }).int().positive(),
  reason: z
    .string({ message: '정지 사유를 입력하세요' })
    .trim()
    .min(1, { message: '정지 사유를 입력하세요' })
    .max(2000),
  approvers: approversInputSchema,
});

/** 거래정지: a regular vendor is suspended when Knox approves (CRITICAL). */
export async function requestVendorSuspension(
  rawInput: unknown,
  currentUser: ApprovalRequester,
): Promise<WithApprovalResult> {
  const input = parseApprovalInput(vendorSuspensionRequestSchema, rawInput);
  const db = await getDb();
  const requester = await requesterVariables(db, currentUser, env().APPROVAL_WORKFLOW_ENABLED);
  const [vendor] = await db.select().from(vendors).where(eq(vendors.id, input.vendorId));
  if (!vendor) throw new ApprovalInputError(`협력업체를 찾을 수 없습니다: ${input.vendorId}`);
  if (vendor.status !== 'regular') {
    throw new ApprovalInputError(
      `거래정지는 정규업체만 가능합니다 (${vendor.name}: ${VENDOR_STATUS_LABELS[vendor.status]})`,
    );
  }
  const payload: VendorSuspensionPayload = {
    vendorId: vendor.id,
    reason: input.reason,
    requestedBy: currentUser.id,
    previousStatus: vendor.status,
  };
  return withApproval(VENDOR_SUSPENSION_ACTION, payload, {
    title: `[거래정지] ${vendor.name}`,
    templateName: SUSPENSION_DOCUMENT.templateName,
    variables: {
      ...requester,
      협력업체명: vendor.name,
      업체정보: htmlDescriptionList([
        { label: '업체명', value: vendor.name },
        { label: '협력업체 코드', value: vendor.vendorCode ?? '-' },
        { label: '사업자등록번호', value: vendor.businessNumber },
        { label: '대표자', value: vendor.representative },
      ]),
      정지사유: input.reason,
    } satisfies DocumentVariables<typeof SUSPENSION_DOCUMENT>,
    approvers: input.approvers,
    currentUser,
  });
}
