import { expect, it } from 'vitest';
import { executionResultText } from './execution-result';

it('reads a registration result in Korean, its instant in KST', () => {
  expect(
    executionResultText({
      vendorId: 6,
      vendorCode: 'V-2026-00001',
      registeredAt: '2026-12-02T15:44:53.083Z',
    }),
  ).toBe('협력업체 번호: 6 · 협력업체 코드: V-2026-00001 · 등록일시: 2026-12-03 00:44');
});

it('hides internal references, keeps unknown keys, and has nothing to say for nothing', () => {
  expect(executionResultText({ investigationId: 3, pqSubmissionId: 9, qmAssigneeId: 'u-7' })).toBe(
    '실사 번호: 3 · PQ 번호: 9',
  );
  expect(executionResultText({ label: 'x', nested: { a: 1 } })).toBe('label: x');
  expect(executionResultText(null)).toBeNull();
  expect(executionResultText({})).toBeNull();
  expect(executionResultText('완료')).toBe('완료');
});
