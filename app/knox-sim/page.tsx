import type { Metadata } from 'next';
import { cookies } from 'next/headers';
import Link from 'next/link';
import { notFound } from 'next/navigation';
import { connection } from 'next/server';
import { ActionPanel } from '@/components/knox-sim/action-panel';
import { ApprovalLineTable, ApprovalStamps } from '@/components/knox-sim/approval-line';
import { formatKnoxShort, formatKnoxTime, roleLabel } from '@/components/knox-sim/labels';
import { PersonPicker } from '@/components/knox-sim/person-picker';
import { Badge } from '@/components/ui/badge';
import { cn } from '@/components/ui/cn';
import { requireUser } from '@/lib/auth/session';
import { KNOX_LINE_ROLE, KNOX_STATUS } from '@/lib/knox-api/approval/codes';
import { knoxStatusLabel, knoxStatusTone } from '@/lib/knox-api/approval/status-labels';
import { appKnoxSimulator, simulatorEnabled } from '@/lib/knox-simulator/app';
import { sanitizeDocumentHtml, textToHtml } from '@/lib/knox-simulator/sanitize';
import type { InboxTab, SimDocumentSummary } from '@/lib/knox-simulator/simulator';

export const metadata: Metadata = { title: 'Knox 결재함 (시뮬레이터)' };

const TABS: Array<{ id: InboxTab; label: string; empty: string }> = [
  { id: 'waiting', label: '결재 대기', empty: '결재할 문서가 없습니다.' },
  { id: 'progress', label: '진행', empty: '진행 중인 문서가 없습니다.' },
  { id: 'done', label: '완료', empty: '완료된 문서가 없습니다.' },
];

type SearchParams = Promise<Record<string, string | string[] | undefined>>;
const one = (value: string | string[] | undefined) => (Array.isArray(value) ? value[0] : value);

export default async function KnoxSimInboxPage({ searchParams }: { searchParams: SearchParams }) {
  await connection();
  if (!simulatorEnabled()) notFound();
  // The inbox shows every simulated document: any signed-in portal user may use it, nobody else.
  await requireUser();
  const params = await searchParams;
  const simulator = appKnoxSimulator();
  const people = await simulator.listPeople();
  const cookieStore = await cookies();
  const wanted = one(params.as) ?? cookieStore.get('knox-sim-as')?.value;
  const me = people.find((person) => person.epId === wanted) ?? people[0];
  const tab = (TABS.find((t) => t.id === one(params.tab))?.id ?? 'waiting') as InboxTab;
  const docId = one(params.doc);

  if (!me) {
    return (
      <InboxFrame people={[]} current="">
        <div className="m-8 rounded-lg border border-dashed border-slate-300 bg-white p-10 text-center text-slate-600">
          시뮬레이터에 등록된 사용자가 없습니다. 데모 데이터를 넣으려면 <code>SEED_DEMO=true</code>로
          시작하세요.
        </div>
      </InboxFrame>
    );
  }

  // Opening a document is what Knox records as docOpenDt for the reader's entry (before listing,
  // so the list no longer shows it unread).
  if (docId) await simulator.openDocument(docId, me.epId);
  const [waiting, progress, done] = (await Promise.all(
    TABS.map((t) => simulator.listDocuments(me.epId, t.id)),
  )) as [SimDocumentSummary[], SimDocumentSummary[], SimDocumentSummary[]];
  const lists: Record<InboxTab, SimDocumentSummary[]> = { waiting, progress, done };
  const items = lists[tab];

  const document = docId ? await simulator.getDocument(docId) : undefined;
  const onLine = document?.lines.some((line) => line.epId === me.epId) ?? false;
  const href = (next: { tab?: InboxTab; doc?: string }) => {
    const query = new URLSearchParams({ as: me.epId, tab: next.tab ?? tab });
    if (next.doc) query.set('doc', next.doc);
    return `/knox-sim?${query}`;
  };

  return (
    <InboxFrame
      people={people.map(({ epId, name, departmentName, titleName }) => ({
        epId,
        name,
        departmentName,
        titleName,
      }))}
      current={me.epId}
    >
      <div className="flex min-h-0 flex-1">
        <nav
          aria-label="결재함"
          className="hidden w-56 shrink-0 border-r border-slate-200 bg-white px-3 py-5 md:block"
        >
          <div className="mb-5 flex items-center gap-3 px-2">
            <div className="flex h-10 w-10 items-center justify-center rounded-full bg-sky-100 text-sm font-semibold text-sky-800">
              {me.name.slice(0, 1)}
            </div>
            <div className="min-w-0">
              <div className="truncate text-sm font-semibold text-slate-900">
                {me.name} {me.titleName}
              </div>
              <div className="truncate text-xs text-slate-500">
                {me.departmentName} · {me.epId}
              </div>
            </div>
          </div>
          <p className="px-2 pb-1 text-xs font-semibold uppercase tracking-wide text-slate-600">결재함</p>
          <ul className="space-y-0.5">
            {TABS.map((t) => (
              <li key={t.id}>
                <Link
                  href={href({ tab: t.id })}
                  className={cn(
                    'flex items-center justify-between rounded-md px-2 py-2 text-sm',
                    t.id === tab
                      ? 'bg-sky-50 font-semibold text-sky-800'
                      : 'text-slate-700 hover:bg-slate-50',
                  )}
                >
                  <span>{t.label}</span>
                  <span
                    className={cn(
                      'min-w-6 rounded-full px-1.5 text-center text-xs',
                      t.id === 'waiting' && lists[t.id].length > 0
                        ? 'bg-rose-500 font-semibold text-white'
                        : 'bg-slate-100 text-slate-600',
                    )}
                  >
                    {lists[t.id].length}
                  </span>
                </Link>
              </li>
            ))}
          </ul>
        </nav>

        <section
          aria-label="문서 목록"
          className={cn(
            'w-full shrink-0 flex-col border-r border-slate-200 bg-white md:flex md:w-80 xl:w-96',
            docId ? 'hidden' : 'flex',
          )}
        >
          <div className="flex border-b border-slate-200 md:hidden">
            {TABS.map((t) => (
              <Link
                key={t.id}
                href={href({ tab: t.id })}
                className={cn(
                  'flex-1 py-2.5 text-center text-sm',
                  t.id === tab ? 'border-b-2 border-sky-600 font-semibold text-sky-800' : 'text-slate-600',
                )}
              >
                {t.label} {lists[t.id].length}
              </Link>
            ))}
          </div>
          <div className="flex items-baseline justify-between border-b border-slate-200 px-4 py-3">
            <h2 className="text-base font-semibold text-slate-900">
              {TABS.find((t) => t.id === tab)!.label}
            </h2>
            <span className="text-xs text-slate-500">{items.length}건</span>
          </div>
          {items.length === 0 ? (
            <p className="px-4 py-16 text-center text-sm text-slate-500">
              {TABS.find((t) => t.id === tab)!.empty}
            </p>
          ) : (
            <ul className="divide-y divide-slate-100 overflow-y-auto">
              {items.map((item) => (
                <li key={item.apInfId}>
                  <Link
                    // Opening a document is recorded (docOpenDt): only a click may open it, never a prefetch.
                    prefetch={false}
                    href={href({ doc: item.apInfId })}
                    aria-current={item.apInfId === docId ? 'true' : undefined}
                    className={cn(
                      'block px-4 py-3 hover:bg-slate-50',
                      item.apInfId === docId && 'bg-sky-50 hover:bg-sky-50 border-l-4 border-sky-600 pl-3',
                    )}
                  >
                    <div className="flex items-center gap-2">
                      <Badge tone={knoxStatusTone(item.status)}>{knoxStatusLabel(item.status)}</Badge>
                      {item.urgYn === 'Y' && <Badge tone="danger">긴급</Badge>}
                      <span className="ml-auto shrink-0 text-xs text-slate-600">
                        {formatKnoxShort(item.sbmDt)}
                      </span>
                    </div>
                    <p
                      className={cn(
                        'mt-1.5 line-clamp-2 text-sm text-slate-900',
                        item.unread ? 'font-bold' : 'font-medium',
                      )}
                    >
                      {item.unread && (
                        <span
                          className="mr-1.5 inline-block h-2 w-2 rounded-full bg-sky-500 align-middle"
                          title="읽지 않음"
                        />
                      )}
                      {item.subject}
                    </p>
                    <p className="mt-1 truncate text-xs text-slate-600">
                      기안 {item.drafter?.name ?? item.drafter?.epId ?? '—'}
                      {item.drafter?.departmentName ? ` · ${item.drafter.departmentName}` : ''}
                      {item.myRoles.length > 0 && ` · 내 역할 ${item.myRoles.map(roleLabel).join(', ')}`}
                      {item.waitingFor.length > 0 &&
                        tab !== 'waiting' &&
                        ` · 대기: ${item.waitingFor.join(', ')}`}
                    </p>
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </section>

        <section
          aria-label="문서"
          className={cn('min-w-0 flex-1 overflow-y-auto bg-slate-50 md:block', docId ? 'block' : 'hidden')}
        >
          {!docId ? (
            <div className="flex h-full flex-col items-center justify-center gap-3 p-10 text-center text-sm text-slate-500">
              <svg
                aria-hidden="true"
                viewBox="0 0 24 24"
                className="h-12 w-12 text-slate-300"
                fill="none"
                stroke="currentColor"
                strokeWidth="1.5"
              >
                <path d="M4 4h16v16H4z" strokeLinejoin="round" />
                <path d="M4 13h4l2 3h4l2-3h4" strokeLinejoin="round" />
              </svg>
              <p>왼쪽 목록에서 문서를 선택하면 본문과 결재선이 여기에 표시됩니다.</p>
              {tab === 'waiting' && items.length > 0 && (
                <p className="text-xs text-slate-600">결재할 문서가 {items.length}건 있습니다.</p>
              )}
            </div>
          ) : !document ? (
            <div className="m-8 rounded-lg border border-slate-200 bg-white p-8 text-center text-slate-600">
              문서를 찾을 수 없습니다 ({docId}).
            </div>
          ) : (
            <article className="mx-auto max-w-5xl space-y-5 p-4 md:p-6">
              <Link href={href({})} className="text-sm text-sky-700 hover:underline md:hidden">
                ← 목록으로
              </Link>
              <header className="rounded-lg border border-slate-200 bg-white p-5 shadow-sm">
                <div className="flex flex-wrap items-center gap-2">
                  <Badge tone={knoxStatusTone(document.status)}>{knoxStatusLabel(document.status)}</Badge>
                  {document.urgYn === 'Y' && <Badge tone="danger">긴급</Badge>}
                  {document.importantYn === 'Y' && <Badge tone="warning">중요</Badge>}
                  <span className="ml-auto break-all font-mono text-xs text-slate-600">
                    {document.apInfId} · 변경 {document.docChgNum}
                  </span>
                </div>
                <h2 className="mt-3 text-xl font-bold text-slate-900" data-testid="document-subject">
                  {document.subject}
                </h2>
                <dl className="mt-3 grid grid-cols-2 gap-x-6 gap-y-1 text-sm sm:grid-cols-3">
                  <Meta label="기안자" value={drafterText(document.lines)} />
                  <Meta label="상신일시" value={formatKnoxTime(document.sbmDt)} />
                  <Meta label="문서 상태" value={knoxStatusLabel(document.status)} testId="document-status" />
                </dl>
                <div className="mt-4">
                  <ApprovalStamps lines={document.lines} status={document.status} />
                </div>
              </header>

              {onLine ? (
                <ActionPanel
                  apInfId={document.apInfId}
                  epId={me.epId}
                  allowed={simulator.allowedActions(document, me.epId)}
                  onHold={document.status === KNOX_STATUS.ON_HOLD}
                />
              ) : (
                <p className="rounded-md border border-slate-200 bg-white px-4 py-3 text-sm text-slate-600">
                  {me.name}님은 이 문서의 결재선에 없어 열람만 할 수 있습니다.
                </p>
              )}

              <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
                <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-800">
                  결재선
                </h2>
                <ApprovalLineTable lines={document.lines} status={document.status} />
              </section>

              <section className="rounded-lg border border-slate-200 bg-white shadow-sm">
                <h2 className="border-b border-slate-200 px-5 py-3 text-sm font-semibold text-slate-800">
                  본문
                </h2>
                <section
                  // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide document scrolls sideways, and a keyboard must be able to scroll it
                  tabIndex={0}
                  aria-label="문서 본문"
                  className="knox-document overflow-x-auto px-6 py-5 text-sm leading-relaxed text-slate-800 [&_table]:my-3 [&_table]:border-collapse [&_td]:border [&_td]:border-slate-300 [&_td]:px-2 [&_td]:py-1 [&_th]:border [&_th]:border-slate-300 [&_th]:bg-slate-50 [&_th]:px-2 [&_th]:py-1 [&_h1]:text-lg [&_h1]:font-bold [&_h2]:mt-4 [&_h2]:font-semibold [&_h3]:mt-3 [&_h3]:font-semibold [&_p]:my-2 [&_ul]:list-disc [&_ul]:pl-5 [&_ol]:list-decimal [&_ol]:pl-5 [&_a]:text-sky-700 [&_a]:underline"
                  // Sanitized on the server: no scripts, event handlers or javascript: URLs survive.
                  // biome-ignore lint/security/noDangerouslySetInnerHtml: the HTML is sanitized just above
                  dangerouslySetInnerHTML={{
                    __html:
                      document.contentsType === 'HTML'
                        ? sanitizeDocumentHtml(document.contents)
                        : textToHtml(document.contents),
                  }}
                />
              </section>
            </article>
          )}
        </section>
      </div>
    </InboxFrame>
  );
}

function drafterText(
  lines: Array<{ role: number; name: string | null; epId: string; departmentName: string | null }>,
) {
  const drafter = lines.find((line) => line.role === KNOX_LINE_ROLE.DRAFTER);
  if (!drafter) return '—';
  return `${drafter.name ?? drafter.epId}${drafter.departmentName ? ` (${drafter.departmentName})` : ''}`;
}

function Meta({ label, value, testId }: { label: string; value: string; testId?: string }) {
  return (
    <div className="flex gap-2">
      <dt className="shrink-0 text-slate-500">{label}</dt>
      <dd className="font-medium text-slate-800" data-testid={testId}>
        {value}
      </dd>
    </div>
  );
}

function InboxFrame({
  people,
  current,
  children,
}: {
  people: Array<{ epId: string; name: string; departmentName: string; titleName: string }>;
  current: string;
  children: React.ReactNode;
}) {
  return (
    <div className="flex h-screen flex-col bg-slate-100">
      <header className="flex shrink-0 items-center gap-3 bg-[#0b3a75] px-4 py-2.5 text-white shadow sm:gap-4 sm:px-5">
        <h1 className="sr-only">Knox 결재함 (시뮬레이터)</h1>
        <Link href="/knox-sim" className="flex shrink-0 items-center gap-2 whitespace-nowrap">
          <span className="rounded bg-white px-1.5 py-0.5 text-sm font-black tracking-tight text-[#0b3a75]">
            Knox
          </span>
          <span className="text-base font-semibold">결재</span>
        </Link>
        <span className="shrink-0 whitespace-nowrap rounded-full bg-amber-400 px-2 py-0.5 text-xs font-bold text-amber-950">
          시뮬레이터
        </span>
        <div className="ml-auto min-w-0">
          {people.length > 0 && <PersonPicker people={people} current={current} />}
        </div>
      </header>
      <main className="flex min-h-0 flex-1 flex-col">
        <div
          role="note"
          className="shrink-0 border-b border-amber-200 bg-amber-50 px-5 py-2 text-xs text-amber-900"
        >
          이 화면은 앱에 포함된 <strong>Knox 결재 시뮬레이터</strong>입니다. 실제 Knox가 아니며, 여기서 처리한
          결재는 이 앱의 시뮬레이터 데이터에만 반영됩니다. 실제 Knox를 쓰려면 <code>KNOX_BASE_URL</code>을
          설정하세요.
        </div>
        {children}
      </main>
    </div>
  );
}
