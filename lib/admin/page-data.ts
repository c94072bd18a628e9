import { getPollerState, getRegisteredHandlers } from '@/lib/approval';
import {
  countFailedActionsByError,
  countPendingActionsByStatus,
  listPendingActions,
} from '@/lib/approval-log/queries';
import { forAdmin } from '@/lib/auth/data-access';
import { env } from '@/lib/env';
import { templateLineDiff } from './template-diff';
import { extractPlaceholders, getTemplateVersion, getTemplateWithVersions, listTemplates } from './templates';

/** What the admin pages read; every function asks for an admin before it reads anything. */

/** The Knox base URL without anything secret in it (credentials, query string). */
function displayUrl(raw: string): string {
  try {
    const url = new URL(raw);
    return `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    return '(잘못된 URL)';
  }
}

/** /admin/system: Knox configuration, the poller, the handlers, the database. */
export const loadSystemStatus = forAdmin(async ({ db }) => {
  const config = env();
  const [poller, counts] = await Promise.all([getPollerState(db), countPendingActionsByStatus(db)]);
  return {
    knox: {
      simulated: config.knoxSimulated,
      baseUrl: displayUrl(config.KNOX_BASE_URL),
      systemId: config.KNOX_SYSTEM_ID,
      timeoutSeconds: config.KNOX_TIMEOUT_MS / 1000,
      workflowEnabled: config.APPROVAL_WORKFLOW_ENABLED,
      maxAgeDays: config.APPROVAL_MAX_AGE_DAYS,
    },
    poller,
    handlers: getRegisteredHandlers(),
    database: {
      kind: config.databaseKind,
      location: config.databaseKind === 'pglite' ? config.PGLITE_DATA_DIR : 'DATABASE_URL',
    },
    counts,
  };
});

/** /admin/failed-actions: failed actions, grouped errors, the latest closed by hand. */
export const loadFailedActions = forAdmin(async ({ db }) => {
  const [failed, byError, resolved] = await Promise.all([
    listPendingActions(db, { status: 'failed', limit: 200 }),
    countFailedActionsByError(db),
    listPendingActions(db, { status: 'resolved', limit: 10 }),
  ]);
  return { failed, byError, resolved: resolved.items };
});

/** /admin/templates: every template with its number of placeholders. */
export const loadTemplates = forAdmin(async ({ db }) =>
  (await listTemplates(db)).map((template) => ({
    ...template,
    placeholderCount: extractPlaceholders(template.content).length,
  })),
);

/** /admin/templates/[id]: one template with its version history, or null. */
export const loadTemplate = forAdmin(async ({ db }, id: number) =>
  Number.isSafeInteger(id) && id > 0 ? getTemplateWithVersions(db, id) : null,
);

/** /admin/templates/[id]/versions/[version]: one kept version, read-only, and its diff to the current one. */
export const loadTemplateVersion = forAdmin(async ({ db }, id: number, version: number) => {
  if (!Number.isSafeInteger(id) || id <= 0 || !Number.isSafeInteger(version) || version <= 0) return null;
  const found = await getTemplateVersion(db, id, version);
  if (!found) return null;
  return { ...found, diff: templateLineDiff(found.version.content, found.template.content) };
});
