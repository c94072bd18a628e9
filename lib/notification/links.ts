/** Where a notification leads: the approval's own page. */
export const approvalHref = (apInfId: string) => `/approval/log/${encodeURIComponent(apInfId)}`;
