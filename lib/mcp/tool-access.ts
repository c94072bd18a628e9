import { eq } from 'drizzle-orm';
import type { Db } from '@/db';
import { agentToolPermissions, agentTools, isGatedRisk, type RiskLevel, type UserRole } from '@/db/schema';

export interface ToolAccess {
  name: string;
  riskLevel: RiskLevel;
  description: string;
  /** False when the role has no row for the tool: nothing is allowed unless the table says so. */
  allowed: boolean;
  requiresApproval: boolean;
}

/**
 * The tools of `agent_tools` with what `role` may do with each (`agent_tool_permissions`), read per
 * request so an admin's change to the tables applies to the next call.
 */
export async function loadToolAccess(db: Db, role: UserRole): Promise<Map<string, ToolAccess>> {
  const tools = await db.select().from(agentTools);
  const permissions = await db.select().from(agentToolPermissions).where(eq(agentToolPermissions.role, role));
  const byTool = new Map(permissions.map((permission) => [permission.toolName, permission]));
  return new Map(
    tools.map((tool) => {
      const permission = byTool.get(tool.name);
      return [
        tool.name,
        {
          name: tool.name,
          riskLevel: tool.riskLevel,
          description: tool.description,
          allowed: permission?.allowed ?? false,
          requiresApproval: permission?.requiresApproval ?? isGatedRisk(tool.riskLevel),
        },
      ];
    }),
  );
}
