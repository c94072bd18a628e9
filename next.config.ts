import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // PGlite loads its WebAssembly and data files relative to its own module, and the database
  // drivers keep native sockets: they must be required from node_modules, never bundled.
  serverExternalPackages: [
    '@electric-sql/pglite',
    'postgres',
    'pino',
    'pino-pretty',
    'node-cron',
    'prom-client',
  ],
  poweredByHeader: false,
  // proxy.ts sets the security headers of every page and API answer; the build's static files skip
  // it (they are the same for everyone), so they get the one header that matters for them here.
  async headers() {
    return [
      { source: '/_next/static/:path*', headers: [{ key: 'X-Content-Type-Options', value: 'nosniff' }] },
    ];
  },
  // `npm test` type-checks the whole tree (tsc --noEmit, tests and benchmarks included); the build
  // need not repeat it, and must not fail on a test file.
  typescript: { ignoreBuildErrors: true },
  // Lets tests and parallel work build into a directory of their own (see scripts/start.ts).
  distDir: process.env.NEXT_DIST_DIR || '.next',
};

export default nextConfig;
