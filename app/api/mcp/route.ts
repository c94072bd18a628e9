import { handleMcpRequest } from '@/lib/mcp/http';

export const dynamic = 'force-dynamic';

/** MCP (Streamable HTTP, stateless) for agents; Bearer API token. See lib/mcp. */
export const POST = (request: Request) => handleMcpRequest(request);
export const GET = (request: Request) => handleMcpRequest(request);
export const DELETE = (request: Request) => handleMcpRequest(request);
