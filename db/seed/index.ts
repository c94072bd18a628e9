import { hashPassword } from 'better-auth/crypto';
import { and, eq, isNull, sql } from 'drizzle-orm';
import { DEFAULT_LINE_RULES } from '@/lib/approval-lines/rules';
import { hashApiToken } from '@/lib/auth/api-tokens';
import { approvalToolSeeds } from '@/lib/server/approval-features';
import type { Db } from '../index';
import {
  accounts,
  agentToolPermissions,
  agentTools,
  apiTokens,
  approvalLineRules,
  approvalTemplates,
  approvalTemplateVersions,
  isGatedRisk,
  knoxSimPeople,
  pqInvestigations,
  pqSubmissions,
  type RiskLevel,
  USER_ROLES,
  users,
  vendors,
} from '../schema';
import {
  COMPANY_NAME,
  DEMO_PASSWORD,
  DEMO_USERS,
  DEMO_VENDORS,
  demoApiToken,
  demoEvaluation,
} from './demo-data';
import { APPROVAL_TEMPLATE_SEEDS } from './templates';

/** The tools agents may call over MCP, with their risk level: the read tools, then each feature manifest's tool. */
export const AGENT_TOOL_SEEDS: Array<{ name: string; riskLevel: RiskLevel; description: string }> = [
  { name: 'list_vendors', riskLevel: 'LOW', description: '협력업체 목록 조회' },
  { name: 'get_vendor', riskLevel: 'LOW', description: '협력업체 상세 조회' },
  { name: 'get_approval_status', riskLevel: 'LOW', description: '결재 상태 조회' },
  ...approvalToolSeeds(),
];

/** Who may call what: every role reads; employees and approvers request; only admins suspend. */
function defaultPermission(role: (typeof USER_ROLES)[number], risk: RiskLevel) {
  const allowed = risk !== 'CRITICAL' || role === 'admin';
  return { allowed, requiresApproval: isGatedRisk(risk) };
}

export interface SeedSummary {
  templates: number;
  users: number;
  vendors: number;
}

/**
 * Idempotent: rows that exist (by their natural key) are left as they are, so admin edits to
 * templates and changes made through the app survive a re-seed.
 */
export async function seedDatabase(db: Db, options: { demo: boolean }): Promise<SeedSummary> {
  const summary: SeedSummary = { templates: 0, users: 0, vendors: 0 };

  for (const template of APPROVAL_TEMPLATE_SEEDS) {
    const inserted = await db
      .insert(approvalTemplates)
      .values(template)
      .onConflictDoNothing({ target: approvalTemplates.name })
      .returning({ id: approvalTemplates.id });
    if (inserted[0]) {
      await db
        .insert(approvalTemplateVersions)
        .values({ templateId: inserted[0].id, version: 1, content: template.content });
      summary.templates++;
    }
  }

  await db.insert(agentTools).values(AGENT_TOOL_SEEDS).onConflictDoNothing();
  await db
    .insert(agentToolPermissions)
    .values(
      USER_ROLES.flatMap((role) =>
        AGENT_TOOL_SEEDS.map((tool) => ({
          role,
          toolName: tool.name,
          ...defaultPermission(role, tool.riskLevel),
        })),
      ),
    )
    .onConflictDoNothing();

  await db
    .insert(approvalLineRules)
    .values(Object.entries(DEFAULT_LINE_RULES).map(([actionType, entries]) => ({ actionType, entries })))
    .onConflictDoNothing();

  if (!options.demo) return summary;

  const passwordHash = await hashPassword(DEMO_PASSWORD);
  // Insert everyone first, then link managers: a manager may come later in the list.
  for (const { managerId: _manager, ...person } of DEMO_USERS) {
    const inserted = await db
      .insert(users)
      .values({ ...person, emailVerified: true })
      .onConflictDoNothing({ target: users.email })
      .returning({ id: users.id });
    if (!inserted[0]) continue;
    summary.users++;
    await db.insert(accounts).values({
      id: `acc_${person.id}`,
      accountId: person.id,
      providerId: 'credential',
      userId: person.id,
      password: passwordHash,
    });
    const token = demoApiToken(person.email);
    await db
      .insert(apiTokens)
      .values({
        userId: person.id,
        name: 'demo',
        tokenHash: hashApiToken(token),
        tokenPrefix: token.slice(0, 8),
      })
      .onConflictDoNothing();
  }

  // Also upgrades a demo database seeded before the directory existed; a manager set since stays.
  for (const person of DEMO_USERS) {
    if (!person.managerId) continue;
    await db
      .update(users)
      .set({ managerId: person.managerId })
      .where(and(eq(users.id, person.id), isNull(users.managerId)));
  }

  await db
    .insert(knoxSimPeople)
    .values(
      DEMO_USERS.filter((person) => person.epId).map((person) => ({
        epId: person.epId!,
        userId: person.email.split('@')[0]!,
        name: person.name,
        emailAddress: person.email,
        companyName: COMPANY_NAME,
        departmentName: person.department,
        titleName: person.title,
      })),
    )
    .onConflictDoNothing();

  const qm = DEMO_USERS.find((person) => person.department === '품질경영팀')!;
  for (const seed of DEMO_VENDORS) {
    const { pq, investigation, ...vendor } = seed;
    const [row] = await db
      .insert(vendors)
      .values({
        ...vendor,
        registeredAt: vendor.vendorCode ? sql`now() - interval '200 days'` : null,
        suspendedAt: vendor.status === 'suspended' ? sql`now() - interval '20 days'` : null,
      })
      .onConflictDoNothing({ target: vendors.businessNumber })
      .returning({ id: vendors.id });
    if (!row) continue;
    summary.vendors++;
    if (!pq) continue;
    const submittedAt = new Date(Date.now() - pq.daysAgo * 86_400_000);
    const [submission] = await db
      .insert(pqSubmissions)
      .values({
        vendorId: row.id,
        submissionNo: pq.no,
        category: pq.category,
        status: pq.status,
        score: pq.score ?? null,
        evaluation: pq.score ? demoEvaluation(pq.score) : [],
        submittedAt,
        reviewedAt: pq.score ? new Date(submittedAt.getTime() + 5 * 86_400_000) : null,
      })
      .returning({ id: pqSubmissions.id });
    if (investigation && submission) {
      const start = new Date(submittedAt.getTime() + 10 * 86_400_000);
      await db.insert(pqInvestigations).values({
        pqSubmissionId: submission.id,
        vendorId: row.id,
        kind: 'initial',
        requestedStartDate: start.toISOString().slice(0, 10),
        requestedEndDate: new Date(start.getTime() + 86_400_000).toISOString().slice(0, 10),
        siteAddress: vendor.address,
        reason: 'PQ 서류심사 적격에 따른 현장실사',
        qmAssigneeId: qm.id,
        qmAssigneeName: qm.name,
        status: 'completed',
        result: investigation.result,
        resultNote: investigation.note,
        requestedBy: 'usr_kim',
      });
    }
  }
  return summary;
}
