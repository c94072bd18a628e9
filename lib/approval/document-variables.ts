import type { TemplateValue } from './types';

/**
 * What an action puts into its approval document: the template it fills and every placeholder it
 * fills. The admin's template editor refuses any other placeholder (an approver would read it raw),
 * and `DocumentVariables` makes the compiler hold the action's variables to exactly this list.
 */
export interface ApprovalDocumentSpec<Name extends string = string> {
  readonly templateName: string;
  readonly variables: readonly Name[];
}

export function defineApprovalDocument<const Name extends string>(
  templateName: string,
  variables: readonly Name[],
): ApprovalDocumentSpec<Name> {
  return Object.freeze({ templateName, variables: Object.freeze([...variables]) });
}

/** The variables object for `spec`: every listed placeholder, and (for literal keys) nothing else. */
export type DocumentVariables<Spec extends ApprovalDocumentSpec> =
  Spec extends ApprovalDocumentSpec<infer Name> ? Record<Name, TemplateValue> : never;

/** The placeholders requesterVariables() fills for every document. */
export const REQUESTER_VARIABLES = ['요청부서', '요청자', '요청일'] as const;
