'use server';
import { headers } from 'next/headers';
import { z } from 'zod';
import { getDb } from '@/db';
import { ActionRefusal, defineAction } from '@/lib/actions/safe-action';
import { replaceTemplateVariables, resolveFailedAction, retryFailedAction } from '@/lib/approval';
import { permissions } from '@/lib/auth/permissions';
import { sanitizeDocumentHtml } from '@/lib/html/sanitize';
import { clientAddressOf } from '@/lib/http/client-address';
import {
  findTemplateName,
  nulProblem,
  restoreTemplateVersion,
  reviewTemplateContent,
  saveTemplateVersion,
  TemplateContentError,
  TemplateVersionConflictError,
  TemplateVersionNotFoundError,
} from './templates';
import { CORRECTABLE_VENDOR_STATUSES } from './vendor-correction-rules';
import { correctVendorStatus, VendorCorrectionError } from './vendors';

const adminOnly = {
  allow: permissions.administer,
  forbidden: { code: 'FORBIDDEN', message: '관리자만 할 수 있습니다.' },
};
const pendingActionId = z.coerce.number().int().positive();

/** Runs a failed action's handler again (the engine makes sure it runs at most once). */
export const retryFailedActionAction = defineAction({
  name: 'retryFailedAction',
  input: z.object({ pendingActionId }),
  ...adminOnly,
  revalidate: ['/admin/failed-actions', '/approval/log', '/'],
  run: async ({ pendingActionId: id }, user) => {
    const outcome = await retryFailedAction(id, { id: user.id });
    if (outcome.status === 'failed') {
      throw new ActionRefusal(
        'RETRY_FAILED',
        `핸들러가 다시 실패했습니다: ${outcome.error ?? '알 수 없는 오류'}`,
      );
    }
    return { status: outcome.status, executedNow: outcome.executedNow };
  },
});

/** Closes a failed action by hand, with a note of what was done outside the system. */
export const resolveFailedActionAction = defineAction({
  name: 'resolveFailedAction',
  input: z.object({
    pendingActionId,
    note: z.string().trim().min(1, { message: '처리 메모를 입력하세요' }).max(1000),
  }),
  ...adminOnly,
  revalidate: ['/admin/failed-actions', '/approval/log'],
  run: async ({ pendingActionId: id, note }, user) => {
    const row = await resolveFailedAction(id, note, { id: user.id });
    return { id: row.id, status: row.status };
  },
});

const sampleVariables = z.record(z.string().max(100), z.string().max(5000));

/**
 * The live preview: the template filled with sample values, through the same allow-list as the
 * document sent to Knox, with what a save would refuse (removed markup, placeholders no action fills).
 */
export const previewTemplateAction = defineAction({
  name: 'previewTemplate',
  input: z.object({
    templateId: z.coerce.number().int().positive(),
    content: z.string().max(200_000),
    sampleVariables,
  }),
  ...adminOnly,
  run: async ({ templateId, content, sampleVariables: samples }) => {
    const name = await findTemplateName(await getDb(), templateId);
    if (name === null) throw new ActionRefusal('TEMPLATE_NOT_FOUND', '결재 양식을 찾을 수 없습니다.');
    const nul = nulProblem(content, samples);
    if (nul) throw new ActionRefusal('INVALID_INPUT', nul);
    const { html, unreplaced } = replaceTemplateVariables(content, samples);
    const review = reviewTemplateContent(name, content);
    return {
      html: sanitizeDocumentHtml(html),
      unreplaced,
      removed: review.removed,
      cleaned: review.removed.length > 0 ? review.cleaned : null,
      unknownPlaceholders: review.unknownPlaceholders,
    };
  },
});

/** Saves the editor's content as the template's next version. */
export const saveTemplateAction = defineAction({
  name: 'saveTemplate',
  input: z.object({
    templateId: z.coerce.number().int().positive(),
    baseVersion: z.coerce.number().int().positive(),
    content: z.string().trim().min(1, { message: '양식 내용이 비어 있습니다' }).max(200_000),
    sampleVariables,
  }),
  ...adminOnly,
  revalidate: (data: { templateId: number }) => ['/admin/templates', `/admin/templates/${data.templateId}`],
  run: async (input, user) => {
    try {
      const saved = await saveTemplateVersion(await getDb(), { ...input, userId: user.id });
      return { templateId: input.templateId, version: saved.version };
    } catch (error) {
      if (error instanceof TemplateVersionConflictError || error instanceof TemplateContentError) {
        throw new ActionRefusal(error.code, error.message);
      }
      throw error;
    }
  },
});

/** Brings a kept version back as the template's next version (복원), under the same checks as a save. */
export const restoreTemplateVersionAction = defineAction({
  name: 'restoreTemplateVersion',
  input: z.object({
    templateId: z.coerce.number().int().positive(),
    version: z.coerce.number().int().positive(),
    baseVersion: z.coerce.number().int().positive(),
  }),
  ...adminOnly,
  revalidate: (data: { templateId: number }) => [
    '/admin/templates',
    `/admin/templates/${data.templateId}`,
    '/admin/audit',
  ],
  run: async (input, user) => {
    try {
      const restored = await restoreTemplateVersion(await getDb(), {
        ...input,
        userId: user.id,
        clientAddress: clientAddressOf(await headers()),
      });
      return { templateId: input.templateId, version: restored.version };
    } catch (error) {
      if (
        error instanceof TemplateVersionConflictError ||
        error instanceof TemplateContentError ||
        error instanceof TemplateVersionNotFoundError
      ) {
        throw new ActionRefusal(error.code, error.message);
      }
      throw error;
    }
  },
});

/**
 * Admin correction of a vendor's status (master data out of step), with a required note; only to
 * a state the vendor's records support, and recorded in the audit trail.
 */
export const correctVendorStatusAction = defineAction({
  name: 'correctVendorStatus',
  input: z.object({
    vendorId: z.coerce.number().int().positive(),
    from: z.enum(CORRECTABLE_VENDOR_STATUSES, { message: '정정할 수 없는 상태입니다' }),
    to: z.enum(CORRECTABLE_VENDOR_STATUSES, { message: '정정할 수 없는 상태입니다' }),
    note: z.string().trim().min(1, { message: '정정 사유를 입력하세요' }).max(500),
  }),
  ...adminOnly,
  revalidate: (data: { vendorId: number }) => ['/vendors', `/vendors/${data.vendorId}`, '/admin/audit'],
  run: async (input, user) => {
    try {
      return await correctVendorStatus(await getDb(), {
        ...input,
        actorId: user.id,
        clientAddress: clientAddressOf(await headers()),
      });
    } catch (error) {
      if (error instanceof VendorCorrectionError) throw new ActionRefusal(error.code, error.message);
      throw error;
    }
  },
});
