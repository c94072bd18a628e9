'use client';
import { ErrorNotice } from '@/components/ui/error-notice';

/** Unexpected failures inside the signed-in pages: say so plainly and offer a retry. */
export default function SignedInError(props: { error: Error & { digest?: string }; reset: () => void }) {
  return <ErrorNotice {...props} />;
}
