import { and, desc, eq, isNotNull } from 'drizzle-orm';
import { z } from 'zod';
import { type Db, getDb } from '@/db';
import { type PqSubmissionStatus, pqInvestigations, pqSubmissions, vendors } from '@/db/schema';
import {
  ApprovalInputError,
  type ApprovalRequester,
  approversInputSchema,
  type DocumentVariables,
  htmlDescriptionList,
  htmlTableConverter,
  isCalendarDate,
  kstDate,
  parseApprovalInput,
  replacesInputSchema,
  requesterVariables,
  type WithApprovalResult,
  withApproval,
} from '@/lib/approval';
import { directoryPerson, QM_DEPARTMENT } from '@/lib/directory/people';
import { env } from '@/lib/env';
import { withParticle } from '@/lib/text/particle';
import { INVESTIGATION_RESULT_LABELS, PQ_STATUS_LABELS } from '@/lib/vendor/labels';
import { INVESTIGATION_DOCUMENT, REINVESTIGATION_DOCUMENT } from './document';
import type { PqInvestigationPayload } from './handlers';
import { assertScheduleNotPast } from './schedule';

const dateField = (label: string) =>
  z
    .string({ message: `${withParticle(label, '을/를')} 입력하세요` })
    .refine(isCalendarDate, { message: `${withParticle(label, '은/는')} YYYY-MM-DD 형식이어야 합니다` });

const investigationFields = {
  pqSubmissionId: z.coerce.number({ message: 'PQ 번호가 올바르지 않습니다' }).int().positive(),
  requestedStartDate: dateField('실사 시작 희망일'),
  requestedEndDate: dateField('실사 종료 희망일'),
  /** Defaults to the vendor's address. */
  siteAddress: z.string().trim().max(300).optional(),
  qmAssigneeId: z
    .string({ message: 'QM 담당자를 지정하세요' })
    .trim()
    .min(1, { message: 'QM 담당자를 지정하세요' }),
  reason: z
    .string({ message: '의뢰 사유를 입력하세요' })
    .trim()
    .min(1, { message: '의뢰 사유를 입력하세요' })
    .max(2000),
  approvers: approversInputSchema,
  /** 다시 요청: the ended approval this one replaces (withApproval checks it). */
  replaces: replacesInputSchema,
};

const datesInOrder = (value: { requestedStartDate: string; requestedEndDate: string }) =>
  value.requestedStartDate <= value.requestedEndDate;
const datesMessage = {
  message: '실사 종료 희망일은 시작 희망일 이후여야 합니다',
  path: ['requestedEndDate'],
};

/** The form of both 실사의뢰 and 재의뢰: they ask for the same things. */
export const pqInvestigationRequestSchema = z.object(investigationFields).refine(datesInOrder, datesMessage);

/** The action types of 실사의뢰 and 재의뢰 (the manifest registers them, withApproval submits them). */
export const PQ_INVESTIGATION_ACTIONS = {
  request: 'pq_investigation_request',
  rerequest: 'pq_investigation_rerequest',
} as const;

/** PQ states from which a first investigation may be requested. */
const REQUESTABLE: readonly PqSubmissionStatus[] = ['submitted', 'under_review'];

async function loadPq(db: Db, pqSubmissionId: number) {
  const [row] = await db
    .select({ pq: pqSubmissions, vendor: vendors })
    .from(pqSubmissions)
    .innerJoin(vendors, eq(vendors.id, pqSubmissions.vendorId))
    .where(eq(pqSubmissions.id, pqSubmissionId));
  if (!row) throw new ApprovalInputError(`PQ 제출 건을 찾을 수 없습니다: ${pqSubmissionId}`);
  return row;
}

/** The assignee must be one of the QM staff (품질경영팀) in the directory. */
async function loadQm(db: Db, userId: string) {
  const qm = await directoryPerson(db, userId);
  if (!qm) throw new ApprovalInputError(`QM 담당자를 찾을 수 없습니다: ${userId}`);
  if (qm.department !== QM_DEPARTMENT)
    throw new ApprovalInputError(
      `QM 담당자는 ${QM_DEPARTMENT} 직원이어야 합니다: ${qm.name} (${qm.department ?? '부서 없음'})`,
    );
  return qm;
}

type Loaded = Awaited<ReturnType<typeof loadPq>>;

function vendorBlock({ vendor }: Loaded) {
  return htmlDescriptionList([
    { label: '업체명', value: vendor.name },
    { label: '사업자등록번호', value: vendor.businessNumber },
    { label: '대표자', value: vendor.representative },
    { label: '업종', value: vendor.industry },
    { label: '소재지', value: vendor.address },
  ]);
}

function investigationBlock(
  input: { requestedStartDate: string; requestedEndDate: string },
  site: string,
  qmName: string,
) {
  return htmlDescriptionList([
    { label: '실사 희망기간', value: `${input.requestedStartDate} ~ ${input.requestedEndDate}` },
    { label: '실사 장소', value: site },
    { label: 'QM 담당자', value: qmName },
  ]);
}

function payloadOf(
  loaded: Loaded,
  input: z.output<typeof pqInvestigationRequestSchema>,
  kind: PqInvestigationPayload['kind'],
  qm: { id: string; name: string },
  requester: ApprovalRequester,
  site: string,
): PqInvestigationPayload {
  return {
    pqSubmissionId: loaded.pq.id,
    vendorId: loaded.vendor.id,
    kind,
    requestedStartDate: input.requestedStartDate,
    requestedEndDate: input.requestedEndDate,
    siteAddress: site,
    reason: input.reason,
    qmAssigneeId: qm.id,
    qmAssigneeName: qm.name,
    requestedBy: requester.id,
    previousPqStatus: loaded.pq.status,
  };
}

/** PQ 실사의뢰: asks for an on-site investigation of a PQ under review; runs when approved in Knox. */
export async function requestPqInvestigation(
  rawInput: unknown,
  currentUser: ApprovalRequester,
): Promise<WithApprovalResult> {
  const input = parseApprovalInput(pqInvestigationRequestSchema, rawInput);
  assertScheduleNotPast(input);
  const db = await getDb();
  const requester = await requesterVariables(db, currentUser, env().APPROVAL_WORKFLOW_ENABLED);
  const loaded = await loadPq(db, input.pqSubmissionId);
  if (!REQUESTABLE.includes(loaded.pq.status)) {
    throw new ApprovalInputError(
      `실사의뢰는 제출·심사중인 PQ만 가능합니다 (${loaded.pq.submissionNo}: ${PQ_STATUS_LABELS[loaded.pq.status]})`,
    );
  }
  const qm = await loadQm(db, input.qmAssigneeId);
  const site = input.siteAddress || loaded.vendor.address;
  return withApproval(
    PQ_INVESTIGATION_ACTIONS.request,
    payloadOf(loaded, input, 'initial', qm, currentUser, site),
    {
      title: `[PQ 실사의뢰] ${loaded.vendor.name} (${loaded.pq.submissionNo})`,
      templateName: INVESTIGATION_DOCUMENT.templateName,
      variables: {
        ...requester,
        협력업체명: loaded.vendor.name,
        업체정보: vendorBlock(loaded),
        실사정보: investigationBlock(input, site, qm.name),
        평가항목: htmlTableConverter(loaded.pq.evaluation, [
          { key: 'item', label: '평가항목' },
          { key: 'weight', label: '배점' },
          { key: 'score', label: '득점' },
          { key: 'note', label: '비고' },
        ]),
        의뢰사유: input.reason,
        QM담당자: qm.name,
      } satisfies DocumentVariables<typeof INVESTIGATION_DOCUMENT>,
      approvers: input.approvers,
      replaces: input.replaces,
      currentUser,
    },
  );
}

/** PQ 실사 재의뢰: for a PQ whose last investigation ended conditional_pass or fail. */
export async function reRequestPqInvestigation(
  rawInput: unknown,
  currentUser: ApprovalRequester,
): Promise<WithApprovalResult> {
  const input = parseApprovalInput(pqInvestigationRequestSchema, rawInput);
  assertScheduleNotPast(input);
  const db = await getDb();
  const requester = await requesterVariables(db, currentUser, env().APPROVAL_WORKFLOW_ENABLED);
  const loaded = await loadPq(db, input.pqSubmissionId);
  const previous = await db
    .select()
    .from(pqInvestigations)
    .where(and(eq(pqInvestigations.pqSubmissionId, loaded.pq.id), isNotNull(pqInvestigations.result)))
    .orderBy(desc(pqInvestigations.createdAt), desc(pqInvestigations.id));
  const last = previous[0];
  if (loaded.pq.status !== 'investigation_completed' || !last || last.result === 'pass') {
    throw new ApprovalInputError(
      `재의뢰는 이전 실사 결과가 조건부 적합 또는 부적합인 PQ만 가능합니다 (${loaded.pq.submissionNo})`,
    );
  }
  const qm = await loadQm(db, input.qmAssigneeId);
  const site = input.siteAddress || loaded.vendor.address;
  return withApproval(
    PQ_INVESTIGATION_ACTIONS.rerequest,
    payloadOf(loaded, input, 'rerequest', qm, currentUser, site),
    {
      title: `[PQ 실사 재의뢰] ${loaded.vendor.name} (${loaded.pq.submissionNo})`,
      templateName: REINVESTIGATION_DOCUMENT.templateName,
      variables: {
        ...requester,
        협력업체명: loaded.vendor.name,
        업체정보: vendorBlock(loaded),
        이전실사: htmlTableConverter(
          previous.map((row) => ({
            date: `${row.requestedStartDate} ~ ${row.requestedEndDate}`,
            result: row.result ? INVESTIGATION_RESULT_LABELS[row.result] : '-',
            note: row.resultNote ?? '',
            updated: kstDate(row.updatedAt),
          })),
          [
            { key: 'date', label: '실사기간' },
            { key: 'result', label: '결과' },
            { key: 'note', label: '지적사항' },
            { key: 'updated', label: '결과 등록일' },
          ],
        ),
        실사정보: investigationBlock(input, site, qm.name),
        재의뢰사유: input.reason,
        QM담당자: qm.name,
      } satisfies DocumentVariables<typeof REINVESTIGATION_DOCUMENT>,
      approvers: input.approvers,
      replaces: input.replaces,
      currentUser,
    },
  );
}
