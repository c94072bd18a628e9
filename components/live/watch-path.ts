/** The approval a page shows, from its path (`/approval/log/<apInfId>`), or null for other pages. */
export function watchedApInfId(pathname: string | null): string | null {
  const match = pathname?.match(/^\/approval\/log\/([^/]+)\/?$/);
  if (!match) return null;
  try {
    return decodeURIComponent(match[1]!);
  } catch {
    return null;
  }
}

/** The stream URL for a page: with the document it shows watched. */
export function liveStreamUrl(pathname: string | null): string {
  const watch = watchedApInfId(pathname);
  return watch ? `/api/live?watch=${encodeURIComponent(watch)}` : '/api/live';
}
