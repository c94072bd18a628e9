import { registerApprovalFeatures } from '@/lib/server/approval-features';

// Tests start where the server starts: with every feature manifest registered.
registerApprovalFeatures();
