'use client';
import { ErrorNotice } from '@/components/ui/error-notice';

/**
 * Failures above the signed-in pages' own boundary: their layout (it looks the session up, so a
 * database that is restarting fails it) and the pages outside it, such as sign-in. Without this,
 * Next's English default page would show instead of a plain Korean retry.
 */
export default function RootError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <main>
      <ErrorNotice {...props} className="mx-auto mt-24 max-w-md" />
    </main>
  );
}
