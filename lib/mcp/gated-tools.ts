import type { z } from 'zod';
import { getRegisteredActions } from '@/lib/approval';
import type { CurrentUser } from '@/lib/auth/current-user';
import type { SubmittedApproval } from './gated-call';

/** A HIGH/CRITICAL tool: its input is the domain request's own schema; submitting goes through withApproval. */
export interface GatedTool {
  name: string;
  schema: z.ZodObject;
  submit: (input: unknown, user: CurrentUser) => Promise<SubmittedApproval>;
}

const requester = (user: CurrentUser) => ({
  id: user.id,
  epId: user.epId,
  email: user.email,
  name: user.name,
});

/** The MCP tools of the registered feature manifests (lib/server/approval-features.ts), in their order. */
export function gatedTools(): GatedTool[] {
  return getRegisteredActions().flatMap((action) =>
    action.tool
      ? [
          {
            name: action.tool.name,
            schema: action.requestSchema,
            submit: (input: unknown, user: CurrentUser) => action.request(input, requester(user)),
          },
        ]
      : [],
  );
}
