import type { ApprovalDocumentSpec } from '@/lib/approval';
import { APPROVAL_FEATURES } from '@/lib/server/approval-features';

/** Every document an action submits, from the feature manifests. */
export const APPROVAL_DOCUMENTS: readonly ApprovalDocumentSpec[] = APPROVAL_FEATURES.flatMap((feature) =>
  feature.actions.map((action) => action.document),
);

/** The placeholders some action fills in the template `templateName` (none when no action uses it). */
export function placeholdersFilledFor(templateName: string): readonly string[] {
  return APPROVAL_DOCUMENTS.find((document) => document.templateName === templateName)?.variables ?? [];
}
