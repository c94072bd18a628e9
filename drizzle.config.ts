import { defineConfig } from 'drizzle-kit';

// Migrations are generated from db/schema and applied by drizzle's migrator (scripts/db-migrate.ts),
// never pushed: the same SQL files run on PGlite and on PostgreSQL.
export default defineConfig({
  dialect: 'postgresql',
  schema: './db/schema/index.ts',
  out: './db/migrations',
});
