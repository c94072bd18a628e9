import type { Db, Tx } from '@/db';
import { ApprovalError } from '@/lib/approval';
import { requiredLineFor } from './policy';
import type { LineRole } from './resolve';

/** A required entry as a form shows it (read-only): who, which position, which role, 전결 or not. */
export interface RequiredLineView {
  epId: string;
  name: string;
  title: string | null;
  department: string | null;
  position: string;
  role: LineRole;
  arbitrary: boolean;
}

/** The line a request form starts from: the rule's entries, or why the rule gives none (Korean). */
export type FormLine = { ok: true; entries: RequiredLineView[] } | { ok: false; message: string };

export async function formLineFor(db: Db | Tx, actionType: string, requesterId: string): Promise<FormLine> {
  try {
    const required = await requiredLineFor(db, actionType, requesterId);
    return {
      ok: true,
      entries: required.map(({ epId, role, arbitrary, position, person }) => ({
        epId,
        role,
        arbitrary,
        position,
        name: person.name,
        title: person.title,
        department: person.department,
      })),
    };
  } catch (error) {
    if (error instanceof ApprovalError) return { ok: false, message: error.message };
    throw error;
  }
}
