import { correctionOptions } from '@/lib/admin/vendor-correction-rules';
import { readCorrectionEvidence, VENDOR_STATUS_CORRECTED, vendorAuditSubject } from '@/lib/admin/vendors';
import { formLineFor } from '@/lib/approval-lines/form-line';
import { listAuditEvents } from '@/lib/audit/queries';
import { forUser } from '@/lib/auth/data-access';
import { permissions } from '@/lib/auth/permissions';
import { PQ_INVESTIGATION_ACTIONS } from '@/lib/vendor-investigation/approval-actions';
import { VENDOR_REGISTRATION_ACTION } from '@/lib/vendor-registration/approval-actions';
import {
  getPqSubmission,
  getVendorDetail,
  listAssignableUsers,
  listVendorApprovals,
  listVendors,
  type VendorListFilter,
} from './queries';

/** What the vendor pages read; every function asks who is signed in before it reads anything. */

const validId = (id: number) => Number.isSafeInteger(id) && id > 0;

export const loadVendorList = forUser(async ({ db }, filter: VendorListFilter) => listVendors(db, filter));

/**
 * A vendor with its PQ submissions, investigations, approvals and the admins' status corrections;
 * for an admin also the states a correction may move it to. Null when there is no such vendor.
 */
export const loadVendorDetail = forUser(async ({ db, user }, id: number) => {
  if (!validId(id)) return null;
  const detail = await getVendorDetail(db, id);
  if (!detail) return null;
  const [approvals, corrections] = await Promise.all([
    listVendorApprovals(db, id),
    listAuditEvents(db, {
      kind: VENDOR_STATUS_CORRECTED,
      subject: vendorAuditSubject(id),
      page: 1,
      pageSize: 20,
    }),
  ]);
  const correction = permissions.administer(user)
    ? correctionOptions(detail.vendor.status, await readCorrectionEvidence(db, id))
    : null;
  return {
    user,
    ...detail,
    approvals,
    corrections: corrections.rows,
    correction,
    canSeeAllApprovals: permissions.seeAllApprovals(user),
  };
});

/** The 정규업체 등록 page: the vendor and its PQ submissions, or null. */
export const loadVendorRegistration = forUser(async ({ db, user }, id: number) => {
  if (!validId(id)) return null;
  const detail = await getVendorDetail(db, id);
  if (!detail) return null;
  const line = await formLineFor(db, VENDOR_REGISTRATION_ACTION, user.id);
  return { user, vendor: detail.vendor, submissions: detail.submissions, line };
});

/** The 실사의뢰 / 재의뢰 pages: the PQ submission with its earlier investigations and the QM candidates. */
export const loadInvestigationForm = forUser(
  async ({ db, user }, vendorId: number, pqId: number, kind: 'request' | 'rerequest') => {
    if (!validId(vendorId) || !validId(pqId)) return null;
    const found = await getPqSubmission(db, vendorId, pqId);
    if (!found) return null;
    const line = await formLineFor(db, PQ_INVESTIGATION_ACTIONS[kind], user.id);
    return { user, ...found, assignees: await listAssignableUsers(db), line };
  },
);
