import type { Db } from '@/db';
import { knoxSimPeople } from '@/db/schema';
import { COMPANY_NAME, DEMO_USERS } from '@/db/seed/demo-data';

export interface SimPersonInput {
  epId: string;
  userId: string;
  name: string;
  emailAddress: string;
  companyName: string;
  departmentName: string;
  titleName: string;
}

/** The demo accounts with an EP ID, as Knox's directory knows them (same rows the app seed writes). */
export const DEMO_SIM_PEOPLE: SimPersonInput[] = DEMO_USERS.filter((person) => person.epId).map((person) => ({
  epId: person.epId!,
  userId: person.email.split('@')[0]!,
  name: person.name,
  emailAddress: person.email,
  companyName: COMPANY_NAME,
  departmentName: person.department,
  titleName: person.title,
}));

/** Adds people to the simulator's directory; existing EP IDs are left as they are. Idempotent. */
export async function seedKnoxSimPeople(db: Db, people: SimPersonInput[] = DEMO_SIM_PEOPLE): Promise<number> {
  if (people.length === 0) return 0;
  const inserted = await db
    .insert(knoxSimPeople)
    .values(people)
    .onConflictDoNothing({ target: knoxSimPeople.epId })
    .returning({ epId: knoxSimPeople.epId });
  return inserted.length;
}
