import { boolean, pgTable, primaryKey, text } from 'drizzle-orm/pg-core';
import { USER_ROLES } from './users';

export const RISK_LEVELS = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

/** HIGH and CRITICAL act on the business: such a call always waits for a Knox decision. */
export const isGatedRisk = (risk: RiskLevel) => risk === 'HIGH' || risk === 'CRITICAL';

/** The tools the MCP endpoint offers agents, with their risk level. */
export const agentTools = pgTable('agent_tools', {
  name: text('name').primaryKey(),
  riskLevel: text('risk_level', { enum: RISK_LEVELS }).notNull(),
  description: text('description').notNull(),
});

/** Role × tool → may call it, and whether the call must be approved in Knox first. */
export const agentToolPermissions = pgTable(
  'agent_tool_permissions',
  {
    role: text('role', { enum: USER_ROLES }).notNull(),
    toolName: text('tool_name')
      .notNull()
      .references(() => agentTools.name, { onDelete: 'cascade' }),
    allowed: boolean('allowed').notNull().default(false),
    requiresApproval: boolean('requires_approval').notNull().default(true),
  },
  (table) => [primaryKey({ columns: [table.role, table.toolName] })],
);
