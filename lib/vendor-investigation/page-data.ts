import { forUser } from '@/lib/auth/data-access';
import { listAssignedInvestigations } from './assignments';

/** /investigations/mine: the signed-in person's assigned investigations (none unless QM staff). */
export const loadMyInvestigations = forUser(async ({ db, user }) => ({
  user,
  investigations: await listAssignedInvestigations(db, user.id),
}));
