import { afterAll } from 'vitest';
import { startAppServer } from './app-server';

// Every end-to-end test file gets its own app and database: files never see each other's data.
const server = await startAppServer();
process.env.E2E_BASE_URL = server.baseUrl;
afterAll(() => server.stop());
