import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';

/** A tool's successful result: readable JSON text, and the same data structured for clients that use it. */
export function toolResult(data: unknown): CallToolResult {
  const structured = JSON.parse(JSON.stringify(data ?? null)) as unknown;
  return {
    content: [{ type: 'text', text: JSON.stringify(structured, null, 2) }],
    ...(structured && typeof structured === 'object' && !Array.isArray(structured)
      ? { structuredContent: structured as Record<string, unknown> }
      : {}),
  };
}

/** A tool error an agent can act on: the text begins with a stable code (`APPROVAL_REJECTED: …`). */
export function toolError(code: string, message: string): CallToolResult {
  return { content: [{ type: 'text', text: `${code}: ${message}` }], isError: true };
}
