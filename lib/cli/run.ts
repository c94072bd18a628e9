import { Command, CommanderError, InvalidArgumentError } from 'commander';
import { POLL_SUMMARY_LABELS } from '@/lib/approval/labels';
import { SIMULATOR_SYSTEM_ID, SIMULATOR_TOKEN } from '@/lib/env';
import { notificationKindLabel } from '@/lib/notification/labels';
import { withParticle } from '@/lib/text/particle';
import { CliFailure, RestClient } from './client';
import { actionStatusText, formatFields, formatTable, formatTime, knoxStatusText } from './format';

export interface CliIo {
  fetch: typeof fetch;
  stdout: { write(text: string): unknown };
  stderr: { write(text: string): unknown };
  env: Record<string, string | undefined>;
}

export const EXIT_OK = 0;
export const EXIT_FAILED = 1;
export const EXIT_USAGE = 2;

export const DEFAULT_APPROVALS_URL = 'http://localhost:3000';

interface GlobalOptions {
  token?: string;
  url?: string;
  json?: boolean;
}

/** JSON shapes of the REST API (dates arrive as ISO strings). */
interface ApprovalListItem {
  apInfId: string;
  title: string;
  knoxStatus: number;
  requesterName: string | null;
  submittedAt: string | null;
  createdAt: string;
  action: { id: number; actionType: string; status: string; errorMessage: string | null } | null;
}
interface ApprovalDetail {
  approval: {
    apInfId: string;
    title: string;
    status: number;
    requesterName: string | null;
    requesterEpId: string;
    submittedAt: string | null;
    decidedAt: string | null;
    lastSyncedAt: string | null;
  };
  action: {
    id: number;
    actionType: string;
    status: string;
    attempts: number;
    errorMessage: string | null;
    executedAt: string | null;
    executionResult: unknown;
  } | null;
  events: Array<{
    createdAt: string;
    eventType: string;
    actor: string;
    fromStatus: string | null;
    toStatus: string | null;
  }>;
}
interface PendingActionItem {
  id: number;
  apInfId: string;
  actionType: string;
  status: string;
  attempts: number;
  errorMessage: string | null;
  requesterName: string | null;
  title: string | null;
  updatedAt: string;
}

interface NotificationItem {
  id: number;
  kind: string;
  apInfId: string;
  title: string;
  message: string;
  createdAt: string;
  readAt: string | null;
}

const positiveInteger = (label: string) => (value: string) => {
  if (!/^\d+$/.test(value) || Number(value) < 1)
    throw new InvalidArgumentError(`${withParticle(label, '은/는')} 1 이상의 정수여야 합니다.`);
  return Number(value);
};

const apInfIdArgument = (value: string) => {
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) throw new InvalidArgumentError('Knox 문서 ID 형식이 아닙니다.');
  return value;
};

/**
 * The operator CLI (`npm run approvals -- …`), a client of the REST API. Returns the exit code:
 * 0 success, 1 refused or failed (message on stderr), 2 bad usage.
 */
export async function runCli(argv: string[], io: CliIo): Promise<number> {
  const out = (text: string) => io.stdout.write(text);
  const program = new Command('approvals')
    .description('Knox 결재 연동 운영 도구 (REST API 클라이언트)')
    .option('--token <token>', 'API 토큰 (기본: APPROVALS_TOKEN)')
    .option('--url <url>', `서버 주소 (기본: APPROVALS_URL 또는 ${DEFAULT_APPROVALS_URL})`)
    .option('--json', '사람용 표 대신 JSON 출력')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showHelpAfterError('(도움말: --help)');

  const globals = () => program.opts<GlobalOptions>();
  const client = () => {
    const options = globals();
    const baseUrl = (options.url ?? io.env.APPROVALS_URL ?? DEFAULT_APPROVALS_URL).replace(/\/+$/, '');
    return new RestClient({
      baseUrl,
      token: options.token ?? io.env.APPROVALS_TOKEN,
      // The in-app simulator accepts the app's Knox credentials, the built-in ones unless set.
      simulator: {
        systemId: io.env.KNOX_SYSTEM_ID || SIMULATOR_SYSTEM_ID,
        token: io.env.KNOX_TOKEN || SIMULATOR_TOKEN,
      },
      fetch: io.fetch,
    });
  };
  const emit = (data: unknown, human: () => string) => {
    out(globals().json ? `${JSON.stringify(data, null, 2)}\n` : human());
  };

  program
    .command('list')
    .description('결재 목록 (본인 것, 관리자는 전체)')
    .option('--status <status>', 'Knox 상태 코드(-2..6) 또는 액션 상태(pending, failed, executed, …)')
    .option('--mine', '관리자도 본인 것만')
    .option('--search <text>', '제목이나 문서 ID 검색')
    .option('--limit <n>', '최대 행 수', positiveInteger('--limit'))
    .action(async (options: { status?: string; mine?: boolean; search?: string; limit?: number }) => {
      const page = await client().get<{ items: ApprovalListItem[]; total: number }>('/api/approvals', {
        status: options.status,
        mine: options.mine ? 'true' : undefined,
        search: options.search,
        limit: options.limit === undefined ? undefined : String(options.limit),
      });
      emit(
        page,
        () =>
          `${formatApprovalList(page.items)}${page.total > page.items.length ? `(${page.items.length}/${page.total}건 표시)\n` : `(${page.total}건)\n`}`,
      );
    });

  program
    .command('show')
    .description('결재 상세: 문서, Knox 상태, 액션, 이력')
    .argument('<apInfId>', 'Knox 문서 ID', apInfIdArgument)
    .action(async (apInfId: string) => {
      const detail = await client().get<ApprovalDetail>(`/api/approvals/${encodeURIComponent(apInfId)}`);
      emit(detail, () => formatDetail(detail));
    });

  program
    .command('refresh')
    .description('Knox에 지금 상태를 묻고 결과를 처리')
    .argument('<apInfId>', 'Knox 문서 ID', apInfIdArgument)
    .action(async (apInfId: string) => {
      const detail = await client().post<ApprovalDetail>(
        `/api/approvals/${encodeURIComponent(apInfId)}/refresh`,
      );
      emit(detail, () => formatDetail(detail));
    });

  program
    .command('cancel')
    .description('Knox 상신취소 후 보상 처리')
    .argument('<apInfId>', 'Knox 문서 ID', apInfIdArgument)
    .requiredOption('--opinion <text>', '상신취소 의견')
    .action(async (apInfId: string, options: { opinion: string }) => {
      if (options.opinion.trim() === '') throw new CliUsageError('--opinion에 의견을 입력하세요');
      const detail = await client().post<ApprovalDetail>(
        `/api/approvals/${encodeURIComponent(apInfId)}/cancel`,
        {
          opinion: options.opinion,
        },
      );
      emit(detail, () => `상신취소했습니다.\n${formatDetail(detail)}`);
    });

  program
    .command('retry')
    .description('실패한 액션의 핸들러를 다시 실행 (관리자)')
    .argument('<pendingActionId>', '액션 ID', positiveInteger('액션 ID'))
    .action(async (id: number) => {
      const result = await client().post<{ action: PendingActionItem | null; result?: unknown }>(
        `/api/pending-actions/${id}/retry`,
      );
      emit(result, () =>
        result.action
          ? `재실행 결과: ${actionStatusText(result.action.status)}\n${formatFields([
              ['액션 ID', result.action.id],
              ['문서 ID', result.action.apInfId],
              ['유형', result.action.actionType],
              ['시도 횟수', result.action.attempts],
              ['오류', result.action.errorMessage],
            ])}`
          : '재실행했습니다.\n',
      );
    });

  program
    .command('actions')
    .description('액션 목록, 예: 실패한 액션과 오류 (관리자)')
    .option('--status <status>', '액션 상태 (pending, failed, executed, …)')
    .action(async (options: { status?: string }) => {
      const page = await client().get<{ items: PendingActionItem[]; total: number }>('/api/pending-actions', {
        status: options.status,
      });
      emit(page, () =>
        formatTable(page.items, [
          { header: 'ID', value: (row) => row.id },
          { header: '문서 ID', value: (row) => row.apInfId },
          { header: '유형', value: (row) => row.actionType },
          { header: '상태', value: (row) => actionStatusText(row.status) },
          { header: '시도', value: (row) => row.attempts },
          { header: '요청자', value: (row) => row.requesterName },
          { header: '오류', value: (row) => row.errorMessage, max: 60 },
        ]),
      );
    });

  program
    .command('handlers')
    .description('등록된 액션 유형과 위험도 (관리자)')
    .action(async () => {
      const result = await client().get<{
        handlers: Array<{ actionType: string; risk: string; title?: string }>;
      }>('/api/handlers');
      emit(result, () =>
        formatTable(result.handlers, [
          { header: '액션 유형', value: (row) => row.actionType },
          { header: '위험도', value: (row) => row.risk },
          { header: '이름', value: (row) => row.title },
        ]),
      );
    });

  program
    .command('poll')
    .description('결재 상태 폴링을 지금 한 번 실행 (관리자)')
    .action(async () => {
      const summary = await client().post<Record<string, number>>('/api/poll');
      emit(summary, () =>
        formatFields(Object.entries(POLL_SUMMARY_LABELS).map(([key, label]) => [label, summary[key]])),
      );
    });

  program
    .command('notifications')
    .description('내 알림 (최신순)')
    .option('--unread', '안 읽은 알림만')
    .option('--limit <n>', '최대 건수 (1-100)', positiveInteger('--limit'))
    .action(async (options: { unread?: boolean; limit?: number }) => {
      const result = await client().get<{ notifications: NotificationItem[]; unread: number }>(
        '/api/notifications',
        {
          unread: options.unread ? 'true' : undefined,
          limit: options.limit === undefined ? undefined : String(options.limit),
        },
      );
      emit(
        result,
        () =>
          `${formatTable(result.notifications, [
            { header: 'ID', value: (row) => row.id },
            { header: '', value: (row) => (row.readAt ? '' : '●') },
            { header: '종류', value: (row) => notificationKindLabel(row.kind) },
            { header: '제목', value: (row) => row.title, max: 30 },
            { header: '내용', value: (row) => row.message, max: 60 },
            { header: '문서 ID', value: (row) => row.apInfId },
            { header: '일시', value: (row) => formatTime(row.createdAt) },
          ])}(안 읽음 ${result.unread}건)\n`,
      );
    });

  program
    .command('mark-read')
    .description('알림을 읽음으로 표시 (ID 여러 개, 또는 --all)')
    .argument('[ids...]', '알림 ID')
    .option('--all', '안 읽은 알림 모두')
    .action(async (rawIds: string[], options: { all?: boolean }) => {
      if (options.all && rawIds.length > 0) throw new CliUsageError('알림 ID와 --all은 함께 쓸 수 없습니다');
      if (!options.all && rawIds.length === 0)
        throw new CliUsageError('알림 ID를 하나 이상 주거나 --all을 쓰세요');
      const ids = rawIds.map((raw) => {
        if (!/^\d+$/.test(raw) || Number(raw) < 1)
          throw new CliUsageError(`알림 ID는 1 이상의 정수여야 합니다: ${raw}`);
        return Number(raw);
      });
      const result = await client().post<{ marked: number; unread: number }>(
        '/api/notifications/read',
        options.all ? {} : { ids },
      );
      emit(result, () => `읽음으로 표시: ${result.marked}건 (안 읽음 ${result.unread}건)\n`);
    });

  const knox = program.command('knox').description('Knox 시뮬레이터에서 결재자로 행동 (시뮬레이터 사용 시)');
  for (const [action, label] of [
    ['approve', '승인'],
    ['reject', '반려'],
    ['arbitrary', '전결'],
  ] as const) {
    knox
      .command(action)
      .description(`결재자로서 ${label}`)
      .argument('<apInfId>', 'Knox 문서 ID', apInfIdArgument)
      .requiredOption('--as <epId>', '결재자 EP ID')
      .option('--opinion <text>', '의견')
      .action(async (apInfId: string, options: { as: string; opinion?: string }) => {
        const data = await client().simulatorAct({
          apInfId,
          epId: options.as,
          action,
          opinion: options.opinion,
        });
        const status = (data as { status?: number | string } | undefined)?.status;
        emit(
          data ?? { apInfId, action },
          () =>
            `${withParticle(options.as, '으로/로')} ${label}했습니다: ${apInfId}${status === undefined ? '' : ` → 문서 상태 ${knoxStatusText(Number(status))}`}\n`,
        );
      });
  }

  try {
    if (argv.length === 0) {
      program.outputHelp({ error: true });
      return EXIT_USAGE;
    }
    await program.parseAsync(argv, { from: 'user' });
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.help' ||
        error.code === 'commander.version'
      ) {
        return EXIT_OK;
      }
      // Commander has already printed its message (unknown command, missing argument, …).
      return EXIT_USAGE;
    }
    if (error instanceof CliUsageError) {
      io.stderr.write(`error: ${error.message}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof CliFailure) {
      io.stderr.write(`오류: ${error.message}\n`);
      return EXIT_FAILED;
    }
    io.stderr.write(`오류: ${error instanceof Error ? error.message : String(error)}\n`);
    return EXIT_FAILED;
  }
}

class CliUsageError extends Error {}

function formatApprovalList(items: ApprovalListItem[]): string {
  return formatTable(items, [
    { header: '문서 ID', value: (row) => row.apInfId },
    { header: '제목', value: (row) => row.title, max: 40 },
    { header: 'Knox 상태', value: (row) => knoxStatusText(row.knoxStatus) },
    { header: '액션', value: (row) => row.action?.actionType },
    { header: '액션 상태', value: (row) => actionStatusText(row.action?.status) },
    { header: '요청자', value: (row) => row.requesterName },
    { header: '상신일시', value: (row) => formatTime(row.submittedAt ?? row.createdAt) },
  ]);
}

function formatDetail(detail: ApprovalDetail): string {
  const { approval, action, events } = detail;
  const fields = formatFields([
    ['문서 ID', approval.apInfId],
    ['제목', approval.title],
    ['Knox 상태', knoxStatusText(approval.status)],
    ['요청자', `${approval.requesterName ?? '-'} (${approval.requesterEpId})`],
    ['상신일시', formatTime(approval.submittedAt)],
    ['결정일시', formatTime(approval.decidedAt)],
    ['마지막 확인', formatTime(approval.lastSyncedAt)],
    ['액션', action ? `#${action.id} ${action.actionType}` : '-'],
    ['액션 상태', actionStatusText(action?.status)],
    ['시도 횟수', action?.attempts],
    ['실행일시', formatTime(action?.executedAt)],
    ['오류', action?.errorMessage],
    [
      '실행 결과',
      action?.executionResult === undefined || action.executionResult === null
        ? '-'
        : JSON.stringify(action.executionResult),
    ],
  ]);
  const timeline = formatTable(events, [
    { header: '일시', value: (event) => formatTime(event.createdAt) },
    { header: '이벤트', value: (event) => event.eventType },
    {
      header: '변경',
      value: (event) =>
        event.fromStatus || event.toStatus ? `${event.fromStatus ?? '-'} → ${event.toStatus ?? '-'}` : '',
    },
    { header: '행위자', value: (event) => event.actor },
  ]);
  return `${fields}\n이력\n${timeline}`;
}
