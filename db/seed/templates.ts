/**
 * The approval documents the portal submits to Knox. Knox shows the HTML as-is, so styles are inline.
 * Placeholders are {{변수}}; the ones filled by the HTML helpers (tables, description lists) are noted
 * in `sampleVariables` with a short text sample for the admin preview.
 */

const page = (title: string, kind: string, body: string) =>
  `<div style="font-family:'Malgun Gothic','Apple SD Gothic Neo',sans-serif;font-size:13px;color:#1f2937;line-height:1.7;max-width:820px">
  <h2 style="text-align:center;font-size:20px;letter-spacing:2px;margin:0 0 16px">${title}</h2>
  <table style="width:100%;border-collapse:collapse;margin-bottom:18px">
    <tr>
      <th style="width:15%;background:#f3f4f6;border:1px solid #d1d5db;padding:6px">기안부서</th>
      <td style="width:35%;border:1px solid #d1d5db;padding:6px">{{요청부서}}</td>
      <th style="width:15%;background:#f3f4f6;border:1px solid #d1d5db;padding:6px">기안자</th>
      <td style="width:35%;border:1px solid #d1d5db;padding:6px">{{요청자}}</td>
    </tr>
    <tr>
      <th style="background:#f3f4f6;border:1px solid #d1d5db;padding:6px">기안일</th>
      <td style="border:1px solid #d1d5db;padding:6px">{{요청일}}</td>
      <th style="background:#f3f4f6;border:1px solid #d1d5db;padding:6px">문서구분</th>
      <td style="border:1px solid #d1d5db;padding:6px">${kind}</td>
    </tr>
  </table>
${body}
  <p style="text-align:right;margin-top:24px">- 끝 -</p>
</div>`;

const section = (heading: string, content: string) =>
  `  <h3 style="font-size:15px;border-left:4px solid #1d4ed8;padding-left:8px;margin:18px 0 8px">${heading}</h3>
  ${content}`;

const requesterSamples = { 요청부서: '구매팀', 요청자: '김구매 (E1001)', 요청일: '2026-11-21' };

export interface TemplateSeed {
  name: string;
  description: string;
  content: string;
  sampleVariables: Record<string, string>;
}

export const APPROVAL_TEMPLATE_SEEDS: TemplateSeed[] = [
  {
    name: 'PQ 실사의뢰',
    description: 'PQ 서류심사를 마친 협력업체에 대한 현장실사(QM) 의뢰',
    content: page(
      '협력업체 PQ 현장실사 의뢰',
      'PQ 실사의뢰',
      [
        section(
          '1. 개요',
          '<p>아래 협력업체의 PQ(사전적격심사) 서류심사 결과에 따라 품질경영팀의 현장실사를 의뢰하오니 검토 후 결재하여 주시기 바랍니다.</p>',
        ),
        section('2. 대상 협력업체', '{{업체정보}}'),
        section('3. 실사 요청 내용', '{{실사정보}}'),
        section('4. PQ 평가 결과', '{{평가항목}}'),
        section('5. 의뢰 사유', '<p>{{의뢰사유}}</p>'),
        section(
          '6. 결재 요청 사항',
          '<p>상기 협력업체 <strong>{{협력업체명}}</strong>에 대한 현장실사 실시와 QM 담당자(<strong>{{QM담당자}}</strong>) 배정을 승인하여 주시기 바랍니다.</p>',
        ),
      ].join('\n'),
    ),
    sampleVariables: {
      ...requesterSamples,
      협력업체명: '(주)한빛정밀',
      업체정보: '업체명, 사업자번호, 대표자, 업종, 소재지 (설명 목록)',
      실사정보: '실사 희망기간, 실사 장소, QM 담당자 (설명 목록)',
      평가항목: '평가항목 / 배점 / 득점 / 비고 (표)',
      의뢰사유: 'PQ 서류심사 결과 적격(82점)으로 판정되어 생산설비 및 품질관리 체계 확인이 필요함',
      QM담당자: '이품질',
    },
  },
  {
    name: 'PQ 실사 재의뢰',
    description: '이전 현장실사 결과가 조건부·부적격인 협력업체에 대한 재실사 의뢰',
    content: page(
      '협력업체 PQ 현장실사 재의뢰',
      'PQ 실사 재의뢰',
      [
        section(
          '1. 개요',
          '<p>아래 협력업체는 이전 현장실사에서 보완 사항이 확인되어, 보완 조치 완료에 따라 현장실사를 재의뢰하오니 검토 후 결재하여 주시기 바랍니다.</p>',
        ),
        section('2. 대상 협력업체', '{{업체정보}}'),
        section('3. 이전 실사 결과', '{{이전실사}}'),
        section('4. 재실사 요청 내용', '{{실사정보}}'),
        section('5. 재의뢰 사유 및 보완 내역', '<p>{{재의뢰사유}}</p>'),
        section(
          '6. 결재 요청 사항',
          '<p>상기 협력업체 <strong>{{협력업체명}}</strong>에 대한 재실사 실시와 QM 담당자(<strong>{{QM담당자}}</strong>) 배정을 승인하여 주시기 바랍니다.</p>',
        ),
      ].join('\n'),
    ),
    sampleVariables: {
      ...requesterSamples,
      협력업체명: '세진산업',
      업체정보: '업체명, 사업자번호, 대표자, 업종, 소재지 (설명 목록)',
      이전실사: '실사일 / 결과 / 지적사항 (표)',
      실사정보: '실사 희망기간, 실사 장소, QM 담당자 (설명 목록)',
      재의뢰사유: '도장 공정 품질관리 기준서 보완 및 측정장비 검교정 완료',
      QM담당자: '이품질',
    },
  },
  {
    name: '정규업체 등록',
    description: 'PQ와 현장실사를 통과한 협력업체의 정규업체 등록 승인',
    content: page(
      '정규 협력업체 등록 품의',
      '정규업체 등록',
      [
        section(
          '1. 개요',
          '<p>아래 협력업체가 PQ 심사 및 현장실사를 통과하였기에 정규 협력업체로 등록하고자 하오니 검토 후 결재하여 주시기 바랍니다.</p>',
        ),
        section('2. 등록 대상 업체', '{{업체정보}}'),
        section('3. 심사 이력', '{{심사이력}}'),
        section('4. 거래 예정 품목', '{{거래품목}}'),
        section('5. 등록 사유', '<p>{{등록사유}}</p>'),
        section(
          '6. 결재 요청 사항',
          '<p><strong>{{협력업체명}}</strong>의 정규업체 등록과 협력업체 코드 부여를 승인하여 주시기 바랍니다. 승인 시 구매시스템에 즉시 반영됩니다.</p>',
        ),
      ].join('\n'),
    ),
    sampleVariables: {
      ...requesterSamples,
      협력업체명: '미래소재(주)',
      업체정보: '업체명, 사업자번호, 대표자, 업종, 소재지, 담당자 (설명 목록)',
      심사이력: 'PQ 번호 / 심사일 / 점수 / 결과 (표)',
      거래품목: '거래 예정 품목 (목록)',
      등록사유: '신규 소재 공급선 다변화 및 원가 절감',
    },
  },
  {
    name: '협력업체 거래정지',
    description: '품질·납기·법규 위반 등으로 협력업체와의 거래를 정지',
    content: page(
      '협력업체 거래정지 품의',
      '거래정지',
      [
        section(
          '1. 개요',
          '<p>아래 협력업체에 대하여 거래정지 조치를 시행하고자 하오니 검토 후 결재하여 주시기 바랍니다. 승인 즉시 신규 발주가 중단됩니다.</p>',
        ),
        section('2. 대상 협력업체', '{{업체정보}}'),
        section('3. 거래정지 사유', '<p>{{정지사유}}</p>'),
        section(
          '4. 결재 요청 사항',
          '<p><strong>{{협력업체명}}</strong>의 거래정지를 승인하여 주시기 바랍니다. 해제 시에는 별도 품의로 진행합니다.</p>',
        ),
      ].join('\n'),
    ),
    sampleVariables: {
      ...requesterSamples,
      협력업체명: '동양케미칼',
      업체정보: '업체명, 협력업체 코드, 사업자번호, 대표자 (설명 목록)',
      정지사유: '최근 3개월 납기 준수율 62%, 품질 부적합 4건 발생',
    },
  },
];
