// The old path, kept until the domain folders import from '@/lib/approval' (the integrator removes it).
export { withApproval } from './commands/with-approval';
export { ensureHandlersRegistered } from './handler-lookup';
