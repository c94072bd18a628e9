import { describe, expect, it } from 'vitest';
import type { FormLine } from '@/lib/approval-lines/form-line';
import { type AddedApprover, toApproverInput } from './line-rows';

const required = (epId: string, role: 'approve' | 'agree', arbitrary = false) => ({
  epId,
  role,
  arbitrary,
  name: epId,
  title: null,
  department: null,
  position: '',
});
const added = (epId: string, role: 'agree' | 'notify'): AddedApprover => ({
  id: epId,
  epId,
  role,
  name: epId,
  email: `${epId}@example.com`,
  department: null,
  title: null,
});
const line: FormLine = {
  ok: true,
  entries: [required('A2001', 'approve'), required('A2003', 'agree'), required('A2002', 'approve', true)],
};

describe('toApproverInput', () => {
  it('puts added 합의 before the final 결재 and 통보 last, and never sends 전결', () => {
    expect(toApproverInput(line, [added('N1', 'notify'), added('G1', 'agree')])).toEqual([
      { epId: 'A2001', role: 'approve' },
      { epId: 'A2003', role: 'agree' },
      { epId: 'G1', role: 'agree' },
      { epId: 'A2002', role: 'approve' },
      { epId: 'N1', role: 'notify' },
    ]);
  });

  it('sends only what was added when the rule gives no line (the server refuses it with the reason)', () => {
    expect(toApproverInput({ ok: false, message: '규칙 없음' }, [added('G1', 'agree')])).toEqual([
      { epId: 'G1', role: 'agree' },
    ]);
  });
});
