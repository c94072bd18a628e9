import type { User, UserRole } from '@/db/schema';

/** The signed-in person, however they authenticated (browser session or API token). */
export interface CurrentUser {
  id: string;
  name: string;
  email: string;
  /** Knox EP ID; null means the person cannot submit approvals. */
  epId: string | null;
  role: UserRole;
  department: string | null;
  title: string | null;
}

export function toCurrentUser(user: User): CurrentUser {
  return {
    id: user.id,
    name: user.name,
    email: user.email,
    epId: user.epId,
    role: user.role,
    department: user.department,
    title: user.title,
  };
}
