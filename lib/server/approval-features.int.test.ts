import { Client } from '@modelcontextprotocol/sdk/client/index.js';
import { StreamableHTTPClientTransport } from '@modelcontextprotocol/sdk/client/streamableHttp.js';
import { beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { GET as listHandlersRoute } from '@/app/api/handlers/route';
import { agentToolPermissions, agentTools, approvalTemplates, USER_ROLES } from '@/db/schema';
import {
  actionTitle,
  agentToolSeedsOf,
  approversInputSchema,
  checkSingleApprovalStatus,
  defineApprovalAction,
  defineApprovalDocument,
  defineApprovalFeature,
  parseApprovalInput,
  REQUESTER_VARIABLES,
  registerApprovalFeature,
  requesterVariables,
  withApproval,
} from '@/lib/approval';
import { KIM, setUpApprovalHarness } from '@/lib/approval/testing/domain-harness';
import { handleMcpRequest } from '@/lib/mcp/http';
import { APPROVAL_FEATURES, approvalToolSeeds, registerApprovalFeatures } from './approval-features';

/**
 * A new approval type is one manifest: registered, it is an MCP tool, a listed handler and an action
 * the engine runs exactly once on approval — without touching the engine, MCP or the API.
 */

const h = setUpApprovalHarness();

const STAMP_DOCUMENT = defineApprovalDocument('시험용 확인서', [...REQUESTER_VARIABLES, '확인내용']);
const stampSchema = z.object({ note: z.string().trim().min(1), approvers: approversInputSchema });
const runs: string[] = [];

const stampFeature = defineApprovalFeature({
  name: 'test-stamp',
  actions: [
    defineApprovalAction<{ note: string }>({
      actionType: 'test_stamp',
      title: '시험용 확인',
      risk: 'HIGH',
      document: STAMP_DOCUMENT,
      requestSchema: stampSchema,
      async request(rawInput, requester) {
        const input = parseApprovalInput(stampSchema, rawInput);
        const { db } = h.database;
        return withApproval(
          'test_stamp',
          { note: input.note },
          {
            title: `[시험용 확인] ${input.note}`,
            templateName: STAMP_DOCUMENT.templateName,
            variables: { ...(await requesterVariables(db, requester, true)), 확인내용: input.note },
            approvers: input.approvers,
            currentUser: requester,
          },
        );
      },
      handler: {
        execute: (payload, ctx) => {
          runs.push(ctx.apInfId);
          return { note: payload.note };
        },
      },
      tool: { name: 'request_test_stamp', description: '시험용 확인 요청 (결재 필요)' },
    }),
  ],
});

beforeAll(async () => {
  registerApprovalFeature(stampFeature);
  const { db } = h.database;
  await db.insert(approvalTemplates).values({
    name: STAMP_DOCUMENT.templateName,
    content: '<p>{{요청자}}: {{확인내용}}</p>',
  });
  await db.insert(agentTools).values(agentToolSeedsOf([stampFeature]));
  await db
    .insert(agentToolPermissions)
    .values(USER_ROLES.map((role) => ({ role, toolName: 'request_test_stamp', allowed: true })));
});

async function mcpToolsOf(token: string) {
  const client = new Client({ name: 'feature-test', version: '1.0.0' });
  const transport = new StreamableHTTPClientTransport(new URL('http://localhost/api/mcp'), {
    fetch: ((input: string | URL | Request, init?: RequestInit) =>
      handleMcpRequest(new Request(input, init))) as typeof fetch,
    requestInit: { headers: { authorization: `Bearer ${token}` } },
  });
  await client.connect(transport);
  try {
    return (await client.listTools()).tools;
  } finally {
    await client.close();
  }
}

describe('a feature registered through its manifest', () => {
  it('is an MCP tool with the manifest risk and request schema', async () => {
    const tools = await mcpToolsOf('demo-kim.employee');
    const stamp = tools.find((tool) => tool.name === 'request_test_stamp');
    if (!stamp) throw new Error('request_test_stamp is not listed');
    expect(stamp._meta).toEqual({ riskLevel: 'HIGH' });
    expect(stamp.description).toContain('시험용 확인 요청 (결재 필요)');
    expect(Object.keys((stamp.inputSchema as { properties: object }).properties)).toEqual(
      expect.arrayContaining(['note', 'approvers', 'timeoutSeconds']),
    );
  });

  it('is listed by GET /api/handlers with its risk and title', async () => {
    const response = await listHandlersRoute(
      new Request('http://localhost/api/handlers', { headers: { authorization: 'Bearer demo-admin' } }),
    );
    expect(response.status).toBe(200);
    const body = (await response.json()) as { handlers: unknown[] };
    expect(body.handlers).toContainEqual({ actionType: 'test_stamp', risk: 'HIGH', title: '시험용 확인' });
    expect(actionTitle('test_stamp')).toBe('시험용 확인');
  });

  it('runs exactly once when approved', async () => {
    const submitted = await stampFeature.actions[0]!.request({ note: '한 번만', approvers: ['A2001'] }, KIM);
    expect(submitted.status).toBe('pending_approval');
    await h.act(submitted.approvalId, 'A2001', 'approve');
    expect(await checkSingleApprovalStatus(submitted.approvalId)).toMatchObject({
      actionStatus: 'executed',
    });
    expect(await checkSingleApprovalStatus(submitted.approvalId)).toMatchObject({
      actionStatus: 'executed',
    });
    expect(runs).toEqual([submitted.approvalId]);
  });
});

describe('the composition root', () => {
  it('registers every manifest once, however often it is called', () => {
    registerApprovalFeatures();
    registerApprovalFeatures();
    expect(
      APPROVAL_FEATURES.flatMap((feature) => feature.actions.map((action) => actionTitle(action.actionType))),
    ).toEqual(['PQ 실사의뢰', 'PQ 실사 재의뢰', '정규업체 등록', '협력업체 거래정지']);
  });

  it('seeds each manifest tool with the risk its action states', () => {
    expect(approvalToolSeeds()).toEqual([
      { name: 'request_pq_investigation', riskLevel: 'HIGH', description: 'PQ 현장실사 의뢰 (결재 필요)' },
      { name: 'register_regular_vendor', riskLevel: 'HIGH', description: '정규업체 등록 (결재 필요)' },
      { name: 'suspend_vendor', riskLevel: 'CRITICAL', description: '협력업체 거래정지 (결재 필요)' },
    ]);
  });
});
