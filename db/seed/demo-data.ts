import type { PqEvaluationItem, PqSubmissionStatus, UserRole, VendorStatus } from '../schema';

export const DEMO_PASSWORD = 'demo1234!';

/** The demo accounts of CONTRACTS.md. Each one's API token is `demo-` + the part of the email before @. */
export interface DemoUser {
  id: string;
  email: string;
  name: string;
  role: UserRole;
  epId: string | null;
  department: string;
  title: string;
  /** Whom they report to in the directory (팀원 → 팀장 → 담당임원). */
  managerId?: string;
}

export const DEMO_USERS: DemoUser[] = [
  {
    id: 'usr_admin',
    email: 'admin@example.com',
    name: '관리자',
    role: 'admin',
    epId: 'E9001',
    department: '정보전략팀',
    title: '시스템관리자',
  },
  {
    id: 'usr_kim',
    email: 'kim.employee@example.com',
    name: '김구매',
    role: 'employee',
    epId: 'E1001',
    department: '구매팀',
    title: '선임',
    managerId: 'usr_choi',
  },
  {
    id: 'usr_lee',
    email: 'lee.employee@example.com',
    name: '이품질',
    role: 'employee',
    epId: 'E1002',
    department: '품질경영팀',
    title: '책임',
    managerId: 'usr_han',
  },
  {
    id: 'usr_park',
    email: 'park.noep@example.com',
    name: '박신입',
    role: 'employee',
    epId: null,
    department: '구매팀',
    title: '사원',
    managerId: 'usr_choi',
  },
  {
    id: 'usr_choi',
    email: 'choi.teamlead@example.com',
    name: '최팀장',
    role: 'approver',
    epId: 'A2001',
    department: '구매팀',
    title: '팀장',
    managerId: 'usr_jung',
  },
  {
    id: 'usr_jung',
    email: 'jung.director@example.com',
    name: '정상무',
    role: 'approver',
    epId: 'A2002',
    department: '구매본부',
    title: '담당임원',
  },
  {
    id: 'usr_han',
    email: 'han.qmlead@example.com',
    name: '한품질',
    role: 'approver',
    epId: 'A2003',
    department: '품질경영팀',
    title: '팀장',
    managerId: 'usr_jung',
  },
];

export const demoApiToken = (email: string) => `demo-${email.split('@')[0]}`;

/** The company name Knox reports for our people. */
export const COMPANY_NAME = '한국정밀산업(주)';

export interface DemoVendor {
  name: string;
  businessNumber: string;
  representative: string;
  industry: string;
  address: string;
  contactName: string;
  contactEmail: string;
  contactPhone: string;
  status: VendorStatus;
  vendorCode?: string;
  pq?: { no: string; category: string; status: PqSubmissionStatus; score?: number; daysAgo: number };
  investigation?: { result: 'pass' | 'conditional_pass' | 'fail'; note: string };
}

const evaluation = (score: number): PqEvaluationItem[] => {
  const items: Array<[string, number]> = [
    ['품질경영체계', 30],
    ['생산설비 및 능력', 25],
    ['재무 안정성', 20],
    ['납기 대응력', 15],
    ['환경·안전', 10],
  ];
  return items.map(([item, weight]) => ({ item, weight, score: Math.round((weight * score) / 100) }));
};

export const demoEvaluation = evaluation;

export const DEMO_VENDORS: DemoVendor[] = [
  {
    name: '(주)한빛정밀',
    businessNumber: '123-81-45671',
    representative: '한정우',
    industry: '정밀가공',
    address: '경기도 화성시 동탄산단6길 15',
    contactName: '오세훈',
    contactEmail: 'sales@hanbit-precision.co.kr',
    contactPhone: '031-8015-2201',
    status: 'pq_submitted',
    pq: { no: 'PQ-2026-0101', category: '기계가공품', status: 'under_review', score: 82, daysAgo: 12 },
  },
  {
    name: '대성테크',
    businessNumber: '214-86-12093',
    representative: '김대성',
    industry: '전자부품',
    address: '경상북도 구미시 산동읍 첨단기업1로 42',
    contactName: '박지훈',
    contactEmail: 'biz@daesungtech.kr',
    contactPhone: '054-471-3390',
    status: 'pq_submitted',
    pq: { no: 'PQ-2026-0102', category: '전장부품', status: 'submitted', daysAgo: 3 },
  },
  {
    name: '세진산업',
    businessNumber: '305-81-77412',
    representative: '이세진',
    industry: '도장·표면처리',
    address: '충청남도 아산시 둔포면 아산밸리로 88',
    contactName: '최윤서',
    contactEmail: 'qa@sejin-ind.com',
    contactPhone: '041-530-7781',
    status: 'pq_submitted',
    pq: {
      no: 'PQ-2026-0087',
      category: '표면처리',
      status: 'investigation_completed',
      score: 71,
      daysAgo: 45,
    },
    investigation: {
      result: 'conditional_pass',
      note: '도장 공정 품질관리 기준서 미흡, 측정장비 검교정 기한 경과',
    },
  },
  {
    name: '미래소재(주)',
    businessNumber: '617-86-30218',
    representative: '정미래',
    industry: '화학소재',
    address: '울산광역시 남구 사평로 120',
    contactName: '강민재',
    contactEmail: 'contact@mirae-materials.co.kr',
    contactPhone: '052-226-4410',
    status: 'pq_approved',
    pq: { no: 'PQ-2026-0064', category: '원소재', status: 'approved', score: 91, daysAgo: 60 },
    investigation: { result: 'pass', note: '품질·환경 관리 우수' },
  },
  {
    name: '동양케미칼',
    businessNumber: '409-81-55320',
    representative: '윤동양',
    industry: '화학소재',
    address: '전라남도 여수시 여수산단로 301',
    contactName: '서하늘',
    contactEmail: 'trade@dongyang-chem.kr',
    contactPhone: '061-690-1200',
    status: 'regular',
    vendorCode: 'V-2024-00017',
    pq: { no: 'PQ-2024-0133', category: '원소재', status: 'approved', score: 88, daysAgo: 700 },
    investigation: { result: 'pass', note: '이상 없음' },
  },
  {
    name: '신흥전자',
    businessNumber: '135-86-90877',
    representative: '신동호',
    industry: '전자부품',
    address: '경기도 수원시 영통구 삼성로 130',
    contactName: '문가영',
    contactEmail: 'sales@shinheung-elec.com',
    contactPhone: '031-204-8870',
    status: 'pq_approved',
    pq: { no: 'PQ-2026-0071', category: '전장부품', status: 'approved', score: 86, daysAgo: 38 },
    investigation: { result: 'pass', note: 'SMT 라인 관리 양호' },
  },
  {
    name: '광명기계',
    businessNumber: '606-81-24566',
    representative: '조광명',
    industry: '설비',
    address: '부산광역시 강서구 녹산산단321로 19',
    contactName: '장우석',
    contactEmail: 'info@kwangmyung-mc.co.kr',
    contactPhone: '051-831-5570',
    status: 'draft',
  },
  {
    name: '태광ENG',
    businessNumber: '220-87-11834',
    representative: '백태광',
    industry: '엔지니어링',
    address: '서울특별시 금천구 가산디지털1로 171',
    contactName: '홍다은',
    contactEmail: 'pm@taekwang-eng.com',
    contactPhone: '02-2108-6620',
    status: 'pq_submitted',
    pq: { no: 'PQ-2026-0110', category: '설계용역', status: 'under_review', score: 77, daysAgo: 6 },
  },
  {
    name: '우진플라스틱',
    businessNumber: '312-81-60429',
    representative: '우진호',
    industry: '사출성형',
    address: '충청북도 청주시 흥덕구 오송읍 오송생명2로 55',
    contactName: '임소연',
    contactEmail: 'sales@woojin-plastic.kr',
    contactPhone: '043-710-3321',
    status: 'pq_submitted',
    pq: { no: 'PQ-2026-0094', category: '사출품', status: 'rejected', score: 54, daysAgo: 30 },
  },
  {
    name: '한양금속',
    businessNumber: '128-86-47215',
    representative: '한상철',
    industry: '금속가공',
    address: '경기도 시흥시 공단1대로 204',
    contactName: '노지민',
    contactEmail: 'biz@hanyang-metal.co.kr',
    contactPhone: '031-499-2840',
    status: 'regular',
    vendorCode: 'V-2025-00042',
    pq: { no: 'PQ-2025-0318', category: '판금·프레스', status: 'approved', score: 84, daysAgo: 260 },
    investigation: { result: 'pass', note: '프레스 금형 관리 양호' },
  },
  {
    name: '삼원물류',
    businessNumber: '504-81-98302',
    representative: '삼원석',
    industry: '물류',
    address: '대구광역시 달서구 성서공단로 11길 62',
    contactName: '유재원',
    contactEmail: 'ops@samwon-logis.com',
    contactPhone: '053-581-9020',
    status: 'suspended',
    vendorCode: 'V-2023-00105',
    pq: { no: 'PQ-2023-0207', category: '운송용역', status: 'approved', score: 79, daysAgo: 1000 },
  },
  {
    name: '에이스코팅',
    businessNumber: '411-86-03387',
    representative: '안에이스',
    industry: '도장·표면처리',
    address: '광주광역시 광산구 하남산단8번로 77',
    contactName: '고은비',
    contactEmail: 'ace@acecoating.kr',
    contactPhone: '062-951-4470',
    status: 'draft',
  },
];
