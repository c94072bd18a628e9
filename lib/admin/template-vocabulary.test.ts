import { describe, expect, it } from 'vitest';
import { APPROVAL_TEMPLATE_SEEDS } from '@/db/seed/templates';
import { APPROVAL_DOCUMENTS, placeholdersFilledFor } from './template-vocabulary';
import { extractPlaceholders, templateContentProblems } from './templates';

describe('the placeholders each action fills', () => {
  it('has one document per seeded template, and a seed for every document', () => {
    expect(APPROVAL_DOCUMENTS.map((document) => document.templateName).sort()).toEqual(
      APPROVAL_TEMPLATE_SEEDS.map((seed) => seed.name).sort(),
    );
  });

  it.each(APPROVAL_TEMPLATE_SEEDS.map((seed) => [seed.name, seed]))(
    'seeded template "%s" uses exactly what its action fills and may be saved as is',
    (name, seed) => {
      expect(extractPlaceholders(seed.content).sort()).toEqual([...placeholdersFilledFor(name)].sort());
      expect(templateContentProblems(name, seed.content, seed.sampleVariables)).toEqual([]);
    },
  );

  it('names an unknown placeholder and what may be used instead', () => {
    const [problem] = templateContentProblems('협력업체 거래정지', '<p>{{정지사유}} {{신규변수}}</p>');
    expect(problem).toBe(
      '채워지지 않는 변수가 있습니다: {{신규변수}} (이 양식에 쓸 수 있는 변수: {{요청부서}}, {{요청자}}, {{요청일}}, {{협력업체명}}, {{업체정보}}, {{정지사유}}).',
    );
  });

  it('allows no placeholder in a template no action uses', () => {
    expect(templateContentProblems('아무도 쓰지 않는 양식', '<p>{{요청자}}</p>')).toEqual([
      '채워지지 않는 변수가 있습니다: {{요청자}} (이 양식을 쓰는 작업이 없어 변수를 쓸 수 없습니다).',
    ]);
  });

  it('lists markup the allow-list would remove, and refuses NUL before anything else', () => {
    expect(
      templateContentProblems(
        '협력업체 거래정지',
        '<script>x</script><p onerror="x" style="position:fixed">a</p>',
      ),
    ).toEqual(['허용되지 않는 내용이 있습니다: <script> 제거, onerror 속성 제거, position:fixed 제거.']);
    expect(templateContentProblems('협력업체 거래정지', '<script>\u0000</script>')).toEqual([
      '양식 내용에 NUL 문자(U+0000)가 있습니다. 그 문자를 지우고 다시 저장하세요.',
    ]);
  });
});
