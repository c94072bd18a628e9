import type { ApprovalDocumentSpec } from '@/lib/approval/document-variables';
import { INVESTIGATION_DOCUMENT, REINVESTIGATION_DOCUMENT } from '@/lib/vendor-investigation/document';
import { REGULAR_REGISTRATION_DOCUMENT } from '@/lib/vendor-registration/document';
import { SUSPENSION_DOCUMENT } from '@/lib/vendor-suspension/document';

/** Every document an action submits; a new action's document is added here. */
export const APPROVAL_DOCUMENTS: readonly ApprovalDocumentSpec[] = [
  INVESTIGATION_DOCUMENT,
  REINVESTIGATION_DOCUMENT,
  REGULAR_REGISTRATION_DOCUMENT,
  SUSPENSION_DOCUMENT,
];

/** The placeholders some action fills in the template `templateName` (none when no action uses it). */
export function placeholdersFilledFor(templateName: string): readonly string[] {
  return APPROVAL_DOCUMENTS.find((document) => document.templateName === templateName)?.variables ?? [];
}
