import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/**
 * Every page under app/ checks who is asking by itself, because Next renders a page in parallel
 * with its layouts (and skips the layouts a client says it has). Read from the source, so a new
 * page is held to it without touching this file:
 *   1. the page calls a guard itself: requireUser()/requireAdmin(), or a page-data loader;
 *   2. nothing a page renders can reach the database handle or the environment except through a
 *      page-data loader, a server action ('use server', guarded by defineAction) or the session;
 *   3. every page-data loader is made with forUser/forAdmin, which ask before they read.
 * tests/e2e/page-access.e2e.test.ts proves the same against the built app.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');

/** Pages anyone may open: signing in, the 403 page, and the simulator's own inbox (fenced on its own). */
const PUBLIC_PAGES = new Set(['app/sign-in/page.tsx', 'app/forbidden/page.tsx', 'app/knox-sim/page.tsx']);

/** What a page must not reach on its own: the database handle and the configuration (Knox credentials). */
const SOURCES = new Set(['db/index.ts', 'lib/env.ts']);

const GUARD_MODULE = 'lib/auth/session.ts';
const GUARD_NAMES = new Set(['requireUser', 'requireAdmin']);
const isPageData = (file: string) => file.endsWith('/page-data.ts');

function walk(dir: string, found: string[] = []): string[] {
  for (const entry of readdirSync(path.join(ROOT, dir))) {
    const relative = path.posix.join(dir, entry);
    if (statSync(path.join(ROOT, relative)).isDirectory()) walk(relative, found);
    else found.push(relative);
  }
  return found;
}

const allPages = () => walk('app').filter((file) => path.posix.basename(file) === 'page.tsx');

interface ImportInfo {
  target: string | null;
  typeOnly: boolean;
  names: string[];
}

interface ModuleInfo {
  useServer: boolean;
  imports: ImportInfo[];
  calls: Set<string>;
  source: ts.SourceFile;
}

function resolve(from: string, specifier: string): string | null {
  let base: string;
  if (specifier.startsWith('@/')) base = specifier.slice(2);
  else if (specifier.startsWith('.')) base = path.posix.join(path.posix.dirname(from), specifier);
  else return null; // a package
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, `${base}/index.ts`, `${base}/index.tsx`]) {
    const full = path.join(ROOT, candidate);
    if (existsSync(full) && statSync(full).isFile()) return candidate;
  }
  throw new Error(`${from}: cannot resolve ${specifier}`);
}

const cache = new Map<string, ModuleInfo>();

function parse(file: string): ModuleInfo {
  const cached = cache.get(file);
  if (cached) return cached;
  const source = ts.createSourceFile(
    file,
    readFileSync(path.join(ROOT, file), 'utf8'),
    ts.ScriptTarget.Latest,
    true,
  );
  const imports: ImportInfo[] = [];
  const calls = new Set<string>();
  const first = source.statements[0];
  const useServer =
    first !== undefined &&
    ts.isExpressionStatement(first) &&
    ts.isStringLiteral(first.expression) &&
    first.expression.text === 'use server';
  for (const statement of source.statements) {
    if (ts.isImportDeclaration(statement) && ts.isStringLiteral(statement.moduleSpecifier)) {
      const clause = statement.importClause;
      const named =
        clause?.namedBindings && ts.isNamedImports(clause.namedBindings) ? clause.namedBindings : null;
      const elements = named?.elements ?? [];
      const typeOnly =
        Boolean(clause?.isTypeOnly) ||
        (clause !== undefined &&
          !clause.name &&
          named !== null &&
          elements.every((element) => element.isTypeOnly));
      imports.push({
        target: resolve(file, statement.moduleSpecifier.text),
        typeOnly,
        names: elements.filter((element) => !element.isTypeOnly).map((element) => element.name.text),
      });
    } else if (
      ts.isExportDeclaration(statement) &&
      statement.moduleSpecifier &&
      ts.isStringLiteral(statement.moduleSpecifier)
    ) {
      imports.push({
        target: resolve(file, statement.moduleSpecifier.text),
        typeOnly: statement.isTypeOnly,
        names: [],
      });
    }
  }
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isIdentifier(node.expression)) calls.add(node.expression.text);
    ts.forEachChild(node, visit);
  };
  visit(source);
  const info = { useServer, imports, calls, source };
  cache.set(file, info);
  return info;
}

/** The first chain of value imports from `start` to a source, not passing through a guarded boundary. */
function pathToSource(start: string): string[] | null {
  const seen = new Set<string>();
  const search = (file: string, trail: string[]): string[] | null => {
    if (SOURCES.has(file)) return [...trail, file];
    if (seen.has(file)) return null;
    seen.add(file);
    if (trail.length > 0 && (isPageData(file) || file === GUARD_MODULE || parse(file).useServer)) return null;
    for (const entry of parse(file).imports) {
      if (entry.typeOnly || !entry.target) continue;
      const found = search(entry.target, [...trail, file]);
      if (found) return found;
    }
    return null;
  };
  return search(start, []);
}

const protectedPages = allPages().filter((page) => !PUBLIC_PAGES.has(page));

describe('pages under app/', () => {
  it('are found on disk, public ones aside', () => {
    expect(protectedPages.length).toBeGreaterThan(8);
    for (const page of PUBLIC_PAGES) expect(existsSync(path.join(ROOT, page)), page).toBe(true);
  });

  it.each(protectedPages)('%s calls a guard itself', (page) => {
    const info = parse(page);
    const guards = new Set<string>();
    for (const entry of info.imports) {
      if (!entry.target) continue;
      if (isPageData(entry.target)) for (const name of entry.names) guards.add(name);
      if (entry.target === GUARD_MODULE) {
        for (const name of entry.names) if (GUARD_NAMES.has(name)) guards.add(name);
      }
    }
    const called = [...guards].filter((name) => info.calls.has(name));
    expect(called, `${page} must await requireUser()/requireAdmin() or a page-data loader`).not.toEqual([]);
  });

  it.each(protectedPages)('%s reaches the database and the configuration only through guards', (page) => {
    expect(pathToSource(page), 'import chain from the page to an unguarded source').toBeNull();
  });
});

describe('page-data modules', () => {
  const modules = walk('lib').filter(isPageData);

  it('exist', () => {
    expect(modules.length).toBeGreaterThan(0);
  });

  it.each(modules)('%s exports only loaders made with forUser/forAdmin', (file) => {
    const { source } = parse(file);
    const unguarded: string[] = [];
    for (const statement of source.statements) {
      const exported = ts.canHaveModifiers(statement)
        ? ts.getModifiers(statement)?.some((modifier) => modifier.kind === ts.SyntaxKind.ExportKeyword)
        : false;
      if (!exported) continue;
      if (ts.isInterfaceDeclaration(statement) || ts.isTypeAliasDeclaration(statement)) continue;
      if (ts.isVariableStatement(statement)) {
        for (const declaration of statement.declarationList.declarations) {
          const init = declaration.initializer;
          const guarded =
            init !== undefined &&
            ts.isCallExpression(init) &&
            ts.isIdentifier(init.expression) &&
            ['forUser', 'forAdmin'].includes(init.expression.text);
          if (!guarded) unguarded.push(declaration.name.getText(source));
        }
        continue;
      }
      unguarded.push(statement.getText(source).slice(0, 60));
    }
    expect(unguarded).toEqual([]);
  });
});
