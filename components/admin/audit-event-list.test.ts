import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { AuditEventRow } from '@/lib/audit/queries';
import { AuditEventList } from './audit-event-list';

const row = (overrides: Partial<AuditEventRow>): AuditEventRow => ({
  id: 1,
  kind: 'sign_in_failed',
  actorId: null,
  subject: null,
  clientAddress: null,
  detail: {},
  createdAt: new Date('2026-12-01T09:30:00Z'),
  actorName: null,
  actorEmail: null,
  ...overrides,
});

describe('AuditEventList', () => {
  it('shows a failed sign-in with the address tried and where it came from, in Korean', () => {
    const html = renderToStaticMarkup(
      createElement(AuditEventList, {
        events: [row({ subject: 'kim.employee@example.com', clientAddress: '203.0.113.7' })],
      }),
    );
    expect(html).toContain('로그인 실패');
    expect(html).toContain('kim.employee@example.com');
    expect(html).toContain('203.0.113.7');
    expect(html).toContain('잘못된 이메일 또는 비밀번호');
  });

  it('says why a sign-in failed and how it came, in Korean words rather than recorded keys', () => {
    const html = renderToStaticMarkup(
      createElement(AuditEventList, {
        events: [
          row({
            subject: 'kim.employee@example.com',
            detail: {
              reason: 'throttled',
              via: 'api',
              limitedBy: 'account',
              retryAfterSeconds: 30,
              userAgent: 'curl/8',
            },
          }),
        ],
      }),
    );
    expect(html).toContain('시도 제한 중 (이 계정·주소, 30초 대기) · API');
    expect(html).toContain('curl/8');
    expect(html).not.toMatch(/reason|limitedBy|throttled|retryAfterSeconds/);
  });

  it("shows a correction as the vendor's before → after with the note, linked to the vendor, and who did it", () => {
    const html = renderToStaticMarkup(
      createElement(AuditEventList, {
        events: [
          row({
            id: 2,
            kind: 'vendor_status_corrected',
            actorId: 'usr_admin',
            actorName: '관리자',
            subject: 'vendor:6',
            clientAddress: 'unknown',
            detail: { vendorName: '신흥전자', from: 'pq_approved', to: 'pq_submitted', note: '재심사' },
          }),
        ],
      }),
    );
    expect(html).toContain('업체 상태 정정');
    expect(html).toContain('신흥전자: PQ 승인 → PQ 제출');
    expect(html).toContain('사유: 재심사');
    expect(html).toContain('href="/vendors/6"');
    expect(html).toContain('관리자');
    // An address our server could not resolve is shown as unknown, not as the word.
    expect(html).not.toContain('>unknown<');
  });

  it('escapes what a user typed (the email tried, a note)', () => {
    const html = renderToStaticMarkup(
      createElement(AuditEventList, { events: [row({ subject: '<img src=x onerror=alert(1)>@x' })] }),
    );
    expect(html).not.toContain('<img');
  });
});
