/** Says plainly, once per run, when the PostgreSQL half of the integration suite does not run. */
export default function announceSkips() {
  if (!process.env.TEST_DATABASE_URL) {
    console.log(
      '\n[tests] PostgreSQL suite skipped: TEST_DATABASE_URL is not set (integration tests ran on PGlite only)\n',
    );
  }
}
