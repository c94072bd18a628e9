import type { Metadata } from 'next';
import { connection } from 'next/server';
import { Toaster } from 'sonner';
import './globals.css';

export const metadata: Metadata = {
  title: '협력업체 포털 · 결재 연동',
  description: 'Knox 결재로 승인되는 협력업체 실사의뢰·정규업체 등록',
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next stamps the request's CSP nonce (proxy.ts) on the page's
  // scripts only while rendering, so a page prerendered at build time would have its scripts blocked.
  await connection();
  return (
    <html lang="ko">
      <body className="min-h-screen bg-slate-50 text-slate-900 antialiased">
        {children}
        <Toaster richColors position="top-center" />
      </body>
    </html>
  );
}
