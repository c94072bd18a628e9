import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { PROJECT_ROOT } from './app-server';

/**
 * The pages of the app, read from app/ on disk, and their URLs for given values of their dynamic
 * segments: a test that walks "every page" covers a page added tomorrow without being edited, and
 * fails (asking for a value) when the new page has a segment it cannot fill yet.
 */

export interface Segment {
  kind: 'static' | 'group' | 'dynamic';
  name: string;
}

export function findPages(dir = 'app', found: string[] = []): string[] {
  for (const entry of readdirSync(path.join(PROJECT_ROOT, dir))) {
    const relative = path.posix.join(dir, entry);
    if (statSync(path.join(PROJECT_ROOT, relative)).isDirectory()) findPages(relative, found);
    else if (entry === 'page.tsx') found.push(relative);
  }
  return found.sort();
}

export function segmentsOf(file: string): Segment[] {
  return path.posix
    .dirname(file)
    .split('/')
    .slice(1)
    .map((name) => {
      if (/^\(.+\)$/.test(name)) return { kind: 'group', name };
      const dynamic = name.match(/^\[([A-Za-z]\w*)\]$/);
      if (dynamic) return { kind: 'dynamic', name: dynamic[1]! };
      if (name.startsWith('[') || name.startsWith('@') || name.startsWith('_')) {
        throw new Error(`${file}: this test does not know how to fill the segment ${name} yet`);
      }
      return { kind: 'static', name };
    });
}

/** The page's URL with `params` for its dynamic segments; throws naming a segment without a value. */
export function urlOf(file: string, params: Readonly<Record<string, string>>): string {
  const parts = segmentsOf(file)
    .filter((segment) => segment.kind !== 'group')
    .map((segment) => {
      if (segment.kind === 'static') return segment.name;
      const value = params[segment.name];
      if (value === undefined)
        throw new Error(`${file}: no value for [${segment.name}]; add one to the test`);
      return encodeURIComponent(value);
    });
  return `/${parts.join('/')}`;
}

export const isAdminPage = (file: string) =>
  segmentsOf(file).some((segment) => segment.kind === 'static' && segment.name === 'admin');
