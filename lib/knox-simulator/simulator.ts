/**
 * The simulated Knox: its documents live in the knox_sim_* tables, every state change is one
 * transaction ending in a compare-and-set on `doc_chg_num`, and the rules are in transitions.ts.
 * Knox-facing methods return wire-shaped data (strings by default, JSON numbers on request) or a
 * refusal carrying a code from the one code table (KNOX_ERROR).
 */
import { timingSafeEqual } from 'node:crypto';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { z } from 'zod';
import type { Db } from '@/db';
import {
  type KnoxSimDocument,
  type KnoxSimLine,
  type KnoxSimPerson,
  knoxSimDocuments,
  knoxSimLines,
  knoxSimPeople,
} from '@/db/schema';
import { hasNul } from '@/lib/http/request-guard';
import {
  KNOX_ERROR,
  KNOX_LINE_ROLE,
  KNOX_LINE_STATUS,
  KNOX_STATUS,
  KNOX_STATUS_BATCH_SIZE,
} from '@/lib/knox-api/approval/codes';
import { formatKnoxDateTime } from '@/lib/knox-api/approval/date-time';
import {
  apInfIdSchema,
  cancelRequestSchema,
  statusRequestSchema,
  submitRequestSchema,
} from '@/lib/knox-api/approval/schemas';
import { FaultController } from './faults';
import {
  ACT_ACTIONS,
  type AllowedActions,
  allowedActions,
  applyAct,
  applyCancel,
  currentTurn,
  isBlockingRole,
  isFinalStatus,
  KNOWN_ROLES,
  type LineState,
  type Refusal,
  startLine,
  type Transition,
} from './transitions';

export type NumberEncoding = 'string' | 'number';

export type SimResult<T> = { ok: true; data: T } | Refusal;

export interface KnoxSimulatorOptions {
  /** The database, or a function giving it at call time (the app's getDb). */
  db: Db | (() => Promise<Db>);
  /** The System-ID this Knox accepts. */
  systemId: string;
  /** The bearer token this Knox accepts. */
  token: string;
  /** How numeric fields go on the wire: strings (default) or JSON numbers. Knox does both. */
  numberEncoding?: NumberEncoding;
  clock?: () => Date;
  /** Source of randomness for fault rates (tests make it deterministic). */
  random?: () => number;
}

export const simActionSchema = z.object({
  apInfId: apInfIdSchema,
  epId: z
    .string()
    .trim()
    .min(1, { message: 'epId is required' })
    .refine((value) => !hasNul(value), { message: 'epId holds a NUL character' }),
  action: z.enum([...ACT_ACTIONS, 'cancel'], {
    message: `action must be one of ${[...ACT_ACTIONS, 'cancel'].join(', ')}`,
  }),
  // A NUL would fail the UPDATE in PostgreSQL: refused as bad input instead.
  opinion: z
    .string()
    .max(4000)
    .refine((value) => !hasNul(value), { message: 'opinion holds a NUL character' })
    .nullish(),
});
export type SimActionInput = z.input<typeof simActionSchema>;

/** A document as the inbox shows it, in plain types. */
export interface SimDocumentView {
  apInfId: string;
  subject: string;
  contents: string;
  contentsType: string;
  status: number;
  docChgNum: number;
  sbmDt: string;
  urgYn: string;
  importantYn: string;
  createdAt: Date;
  updatedAt: Date;
  lines: SimLineView[];
}

export interface SimLineView extends LineState {
  userId: string | null;
  emailAddress: string | null;
  name: string | null;
  departmentName: string | null;
  titleName: string | null;
  companyName: string | null;
}

export interface SimDocumentSummary {
  apInfId: string;
  subject: string;
  status: number;
  sbmDt: string;
  urgYn: string;
  importantYn: string;
  updatedAt: Date;
  drafter: { epId: string; name: string | null; departmentName: string | null } | null;
  /** The listing person's own entries' roles on this document. */
  myRoles: number[];
  /** Who must act now (names or EP IDs). */
  waitingFor: string[];
  /** The document reached this person and they have not opened it yet. */
  unread: boolean;
}

export type InboxTab = 'waiting' | 'progress' | 'done';

const OPEN_STATUSES = [KNOX_STATUS.IN_PROGRESS, KNOX_STATUS.ON_HOLD] as const;
const CAS_ATTEMPTS = 10;

const refuse = (code: string, message: string): Refusal => ({ ok: false, code, message });
const notFound = (): Refusal => refuse(KNOX_ERROR.NOT_FOUND, '[apInfId] that request process does not exist');

function firstIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (!issue) return 'invalid request';
  const where = issue.path.length ? `${issue.path.join('.')}: ` : '';
  return `${where}${issue.message}`;
}

function toLineState(line: KnoxSimLine): LineState {
  return {
    id: line.id,
    seq: line.seq,
    role: line.role,
    epId: line.epId,
    aplnStatsCode: line.aplnStatsCode,
    arbPmtYn: line.arbPmtYn,
    opinion: line.opinion,
    docArvDt: line.docArvDt,
    docOpenDt: line.docOpenDt,
    actPrssDt: line.actPrssDt,
  };
}

const sameSecret = (given: string, expected: string) => {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
};

export class KnoxSimulator {
  readonly systemId: string;
  readonly numberEncoding: NumberEncoding;
  /** Faults injected into this instance's Knox endpoints (control API /sim/faults). */
  readonly faults: FaultController;
  private readonly token: string;
  private readonly clock: () => Date;
  private readonly dbSource: Db | (() => Promise<Db>);

  constructor(options: KnoxSimulatorOptions) {
    this.dbSource = options.db;
    this.systemId = options.systemId;
    this.token = options.token;
    this.numberEncoding = options.numberEncoding ?? 'string';
    this.clock = options.clock ?? (() => new Date());
    this.faults = new FaultController(options.random);
  }

  private db(): Promise<Db> {
    return typeof this.dbSource === 'function' ? this.dbSource() : Promise.resolve(this.dbSource);
  }

  private now(): string {
    return formatKnoxDateTime(this.clock());
  }

  /** Encodes a numeric field the way this instance's Knox does. */
  num(value: number): string | number {
    return this.numberEncoding === 'number' ? value : String(value);
  }

  /** System-ID and `Authorization: Bearer …` as this Knox expects them. */
  checkCredentials(systemId: string | null, authorization: string | null): boolean {
    const match = /^Bearer\s+(.+)$/i.exec(authorization?.trim() ?? '');
    if (!systemId || !match?.[1]) return false;
    return sameSecret(systemId.trim(), this.systemId) && sameSecret(match[1], this.token);
  }

  // -------------------------------------------------------------------------------------------
  // Knox endpoints

  /** 상신 */
  async submit(body: unknown, systemId = this.systemId): Promise<SimResult<{ apInfId: string }>> {
    const parsed = submitRequestSchema.safeParse(body);
    if (!parsed.success) {
      const lineIssue = parsed.error.issues.find(
        (issue) => issue.path[0] === 'aplns' && issue.path.length === 1,
      );
      return lineIssue
        ? refuse(KNOX_ERROR.INVALID_LINE, firstIssue(new z.ZodError([lineIssue])))
        : refuse(KNOX_ERROR.INVALID_REQUEST, firstIssue(parsed.error));
    }
    const request = parsed.data;
    const lineProblem = validateLine(request.aplns);
    if (lineProblem) return refuse(KNOX_ERROR.INVALID_LINE, lineProblem);

    const db = await this.db();
    const epIds = [...new Set(request.aplns.map((entry) => entry.epId))];
    const known = await db
      .select({ epId: knoxSimPeople.epId })
      .from(knoxSimPeople)
      .where(inArray(knoxSimPeople.epId, epIds));
    const knownIds = new Set(known.map((person) => person.epId));
    const unknown = epIds.filter((epId) => !knownIds.has(epId));
    if (unknown.length > 0) {
      return refuse(KNOX_ERROR.UNKNOWN_PERSON, `unknown epId in the approval line: ${unknown.join(', ')}`);
    }

    const now = this.now();
    const drafts: LineState[] = request.aplns.map((entry, index) => ({
      id: index,
      seq: entry.seq,
      role: entry.role,
      epId: entry.epId,
      aplnStatsCode: KNOX_LINE_STATUS.PENDING,
      arbPmtYn: entry.arbPmtYn,
      opinion: entry.opinion ?? null,
      docArvDt: null,
      docOpenDt: null,
      actPrssDt: null,
    }));
    const started = startLine(drafts, now);
    const stamp = this.clock();
    return db.transaction(async (tx) => {
      const inserted = await tx
        .insert(knoxSimDocuments)
        .values({
          apInfId: request.apInfId,
          systemId,
          subject: request.subject,
          contents: request.contents,
          contentsType: request.contentsType,
          docSecuType: request.docSecuType,
          notifyOption: request.notifyOption,
          urgYn: request.urgYn,
          importantYn: request.importantYn,
          sbmDt: request.sbmDt,
          timeZone: request.timeZone,
          sbmLang: request.sbmLang,
          docMngSaveCode: request.docMngSaveCode,
          status: started.status,
          docChgNum: 0,
          attachments: request.attachments,
          createdAt: stamp,
          updatedAt: stamp,
        })
        .onConflictDoNothing({ target: knoxSimDocuments.apInfId })
        .returning({ apInfId: knoxSimDocuments.apInfId });
      if (inserted.length === 0) {
        return refuse(KNOX_ERROR.DUPLICATE_ID, `a document with apInfId ${request.apInfId} already exists`);
      }
      await tx.insert(knoxSimLines).values(
        started.lines.map((line, index) => {
          const entry = request.aplns[index]!;
          return {
            apInfId: request.apInfId,
            seq: line.seq,
            role: line.role,
            epId: line.epId,
            userId: entry.userId ?? null,
            emailAddress: entry.emailAddress ?? null,
            aplnStatsCode: line.aplnStatsCode,
            arbPmtYn: entry.arbPmtYn,
            contentsMdfyPmtYn: entry.contentsMdfyPmtYn,
            aplnMdfyPmtYn: entry.aplnMdfyPmtYn,
            opinion: line.opinion,
            docArvDt: line.docArvDt,
            docOpenDt: line.docOpenDt,
            actPrssDt: line.actPrssDt,
          };
        }),
      );
      return { ok: true as const, data: { apInfId: request.apInfId } };
    });
  }

  /** Status of up to 100 documents; unknown ids are left out, all unknown → APE020. */
  async status(
    body: unknown,
    systemId = this.systemId,
  ): Promise<SimResult<Array<{ apInfId: string; docChgNum: string | number; status: string | number }>>> {
    const parsed = statusRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(KNOX_ERROR.INVALID_REQUEST, firstIssue(parsed.error));
    if (parsed.data.length > KNOX_STATUS_BATCH_SIZE) {
      return refuse(
        KNOX_ERROR.INVALID_REQUEST,
        `at most ${KNOX_STATUS_BATCH_SIZE} apinfid per call (got ${parsed.data.length})`,
      );
    }
    const ids = [...new Set(parsed.data.map((item) => item.apinfid))];
    const db = await this.db();
    const rows = await db
      .select({
        apInfId: knoxSimDocuments.apInfId,
        status: knoxSimDocuments.status,
        docChgNum: knoxSimDocuments.docChgNum,
      })
      .from(knoxSimDocuments)
      .where(and(inArray(knoxSimDocuments.apInfId, ids), eq(knoxSimDocuments.systemId, systemId)));
    if (rows.length === 0) return notFound();
    const byId = new Map(rows.map((row) => [row.apInfId, row]));
    return {
      ok: true,
      data: ids.flatMap((id) => {
        const row = byId.get(id);
        return row
          ? [{ apInfId: row.apInfId, docChgNum: this.num(row.docChgNum), status: this.num(row.status) }]
          : [];
      }),
    };
  }

  /** The document with its approval line, people resolved. */
  async detail(apInfId: string, systemId = this.systemId): Promise<SimResult<Record<string, unknown>>> {
    const loaded = await this.load(apInfId, systemId);
    if (!loaded) return notFound();
    const { document, lines } = loaded;
    return {
      ok: true,
      data: {
        apInfId: document.apInfId,
        systemId: document.systemId,
        subject: document.subject,
        contentsType: document.contentsType,
        contents: document.contents,
        status: this.num(document.status),
        docChgNum: this.num(document.docChgNum),
        sbmDt: this.numberEncoding === 'number' ? Number(document.sbmDt) : document.sbmDt,
        sbmLang: document.sbmLang,
        timeZone: document.timeZone,
        notifyOption: this.num(Number(document.notifyOption)),
        urgYn: document.urgYn,
        importantYn: document.importantYn,
        docSecuType: document.docSecuType,
        aplns: lines.map((line) => ({
          epId: line.epId,
          userId: line.userId,
          emailAddress: line.emailAddress,
          seq: this.num(line.seq),
          role: this.num(line.role),
          aplnStatsCode: this.num(line.aplnStatsCode),
          arbPmtYn: line.arbPmtYn,
          contentsMdfyPmtYn: line.contentsMdfyPmtYn,
          aplnMdfyPmtYn: line.aplnMdfyPmtYn,
          opinion: line.opinion,
          name: line.name,
          companyName: line.companyName,
          departmentName: line.departmentName,
          titleName: line.titleName,
          actPrssDt: line.actPrssDt,
          docArvDt: line.docArvDt,
          docOpenDt: line.docOpenDt,
        })),
      },
    };
  }

  /** 상신취소 through Knox's API: the calling system withdraws for the drafter. */
  async cancel(
    apInfId: string,
    body: unknown,
    systemId = this.systemId,
  ): Promise<SimResult<{ apInfId: string }>> {
    const parsed = cancelRequestSchema.safeParse(body);
    if (!parsed.success) return refuse(KNOX_ERROR.INVALID_REQUEST, firstIssue(parsed.error));
    if (parsed.data.apInfId !== apInfId) {
      return refuse(
        KNOX_ERROR.INVALID_REQUEST,
        `apInfId in the body (${parsed.data.apInfId}) does not match the path (${apInfId})`,
      );
    }
    const result = await this.change(apInfId, systemId, (status, lines, now) =>
      applyCancel(status, lines, parsed.data.opinion, now),
    );
    return result.ok ? { ok: true, data: { apInfId } } : result;
  }

  // -------------------------------------------------------------------------------------------
  // Control API and inbox (not part of Knox)

  /** An approver's act, or the drafter's withdrawal (`action: "cancel"`). */
  async act(input: unknown): Promise<SimResult<{ apInfId: string; status: number; docChgNum: number }>> {
    const parsed = simActionSchema.safeParse(input);
    if (!parsed.success) return refuse(KNOX_ERROR.INVALID_REQUEST, firstIssue(parsed.error));
    const { apInfId, epId, action, opinion } = parsed.data;
    const result = await this.change(apInfId, undefined, (status, lines, now) => {
      if (action !== 'cancel') return applyAct(status, lines, { epId, action, opinion }, now);
      const drafter = lines.find((line) => line.role === KNOX_LINE_ROLE.DRAFTER);
      if (drafter?.epId !== epId) {
        return refuse(KNOX_ERROR.ACTION_NOT_ALLOWED, `only the drafter may withdraw this document`);
      }
      return applyCancel(status, lines, opinion, now);
    });
    return result;
  }

  /** Documents waiting for this person's act. */
  async inbox(epId: string): Promise<SimResult<SimDocumentSummary[]>> {
    const id = epId.trim();
    if (!id) return refuse(KNOX_ERROR.INVALID_REQUEST, 'epId is required');
    if (hasNul(id)) return refuse(KNOX_ERROR.INVALID_REQUEST, 'epId holds a NUL character');
    return { ok: true, data: await this.listDocuments(id, 'waiting') };
  }

  /** Records that the person opened the document (docOpenDt of their arrived entries). Not a change. */
  async openDocument(apInfId: string, epId: string): Promise<void> {
    // Any string may arrive from the inbox's address bar; one that is no id opens nothing.
    if (!apInfIdSchema.safeParse(apInfId).success) return;
    const db = await this.db();
    await db
      .update(knoxSimLines)
      .set({ docOpenDt: this.now() })
      .where(
        and(
          eq(knoxSimLines.apInfId, apInfId),
          eq(knoxSimLines.epId, epId),
          sql`${knoxSimLines.docArvDt} is not null`,
          sql`${knoxSimLines.docOpenDt} is null`,
        ),
      );
  }

  async getDocument(apInfId: string): Promise<SimDocumentView | undefined> {
    const loaded = await this.load(apInfId, undefined);
    if (!loaded) return undefined;
    const { document, lines } = loaded;
    return {
      apInfId: document.apInfId,
      subject: document.subject,
      contents: document.contents,
      contentsType: document.contentsType,
      status: document.status,
      docChgNum: document.docChgNum,
      sbmDt: document.sbmDt,
      urgYn: document.urgYn,
      importantYn: document.importantYn,
      createdAt: document.createdAt,
      updatedAt: document.updatedAt,
      lines: lines.map((line) => ({
        ...toLineState(line),
        userId: line.userId,
        emailAddress: line.emailAddress,
        name: line.name,
        departmentName: line.departmentName,
        titleName: line.titleName,
        companyName: line.companyName,
      })),
    };
  }

  allowedActions(document: SimDocumentView, epId: string): AllowedActions {
    return allowedActions(document.status, document.lines, epId);
  }

  async listPeople(): Promise<KnoxSimPerson[]> {
    const db = await this.db();
    return db.select().from(knoxSimPeople).orderBy(asc(knoxSimPeople.epId));
  }

  /** The person's documents for one inbox tab, newest change first. */
  async listDocuments(epId: string, tab: InboxTab): Promise<SimDocumentSummary[]> {
    const db = await this.db();
    const mine = db
      .selectDistinct({ apInfId: knoxSimLines.apInfId })
      .from(knoxSimLines)
      .where(eq(knoxSimLines.epId, epId));
    const documents = await db
      .select()
      .from(knoxSimDocuments)
      .where(inArray(knoxSimDocuments.apInfId, mine))
      .orderBy(sql`${knoxSimDocuments.updatedAt} desc`, asc(knoxSimDocuments.apInfId));
    if (documents.length === 0) return [];
    const lines = await this.linesWithPeople(
      db,
      documents.map((document) => document.apInfId),
    );
    const byDocument = new Map<string, typeof lines>();
    for (const line of lines) {
      const group = byDocument.get(line.apInfId);
      if (group) group.push(line);
      else byDocument.set(line.apInfId, [line]);
    }
    return documents.flatMap((document) => {
      const docLines = byDocument.get(document.apInfId) ?? [];
      const states = docLines.map(toLineState);
      const myLines = docLines.filter((line) => line.epId === epId);
      const turn = currentTurn(document.status, states);
      const waiting = turn.some((line) => line.epId === epId);
      const open = (OPEN_STATUSES as readonly number[]).includes(document.status);
      const reached = myLines.some((line) => line.docArvDt !== null);
      const include =
        tab === 'waiting'
          ? waiting
          : tab === 'progress'
            ? open && !waiting && reached
            : (isFinalStatus(document.status) || document.status === KNOX_STATUS.POST_COMPLETED) &&
              !waiting &&
              reached;
      if (!include) return [];
      const drafter = docLines.find((line) => line.role === KNOX_LINE_ROLE.DRAFTER);
      const waitingIds = new Set(turn.map((line) => line.id));
      return [
        {
          apInfId: document.apInfId,
          subject: document.subject,
          status: document.status,
          sbmDt: document.sbmDt,
          urgYn: document.urgYn,
          importantYn: document.importantYn,
          updatedAt: document.updatedAt,
          drafter: drafter
            ? { epId: drafter.epId, name: drafter.name, departmentName: drafter.departmentName }
            : null,
          myRoles: myLines.map((line) => line.role),
          waitingFor: docLines
            .filter((line) => waitingIds.has(line.id))
            .map((line) => line.name ?? line.epId),
          unread: myLines.some((line) => line.docArvDt !== null && line.docOpenDt === null),
        },
      ];
    });
  }

  // -------------------------------------------------------------------------------------------

  private async linesWithPeople(db: Db, apInfIds: string[]) {
    return db
      .select({
        line: knoxSimLines,
        name: knoxSimPeople.name,
        companyName: knoxSimPeople.companyName,
        departmentName: knoxSimPeople.departmentName,
        titleName: knoxSimPeople.titleName,
        personUserId: knoxSimPeople.userId,
        personEmail: knoxSimPeople.emailAddress,
      })
      .from(knoxSimLines)
      .leftJoin(knoxSimPeople, eq(knoxSimPeople.epId, knoxSimLines.epId))
      .where(inArray(knoxSimLines.apInfId, apInfIds))
      .orderBy(asc(knoxSimLines.seq), asc(knoxSimLines.id))
      .then((rows) =>
        rows.map((row) => ({
          ...row.line,
          userId: row.line.userId ?? row.personUserId,
          emailAddress: row.line.emailAddress ?? row.personEmail,
          name: row.name,
          companyName: row.companyName,
          departmentName: row.departmentName,
          titleName: row.titleName,
        })),
      );
  }

  private async load(apInfId: string, systemId: string | undefined) {
    if (!apInfIdSchema.safeParse(apInfId).success) return undefined;
    const db = await this.db();
    const [document] = await db
      .select()
      .from(knoxSimDocuments)
      .where(
        systemId === undefined
          ? eq(knoxSimDocuments.apInfId, apInfId)
          : and(eq(knoxSimDocuments.apInfId, apInfId), eq(knoxSimDocuments.systemId, systemId)),
      );
    if (!document) return undefined;
    return { document, lines: await this.linesWithPeople(db, [apInfId]) };
  }

  /**
   * Runs one transition in a transaction and writes it with a compare-and-set on doc_chg_num: of two
   * people acting at once, the second finds the number moved on, re-reads, and is judged again
   * against the new state (a parallel co-approver then succeeds; a late approver is refused).
   */
  private async change(
    apInfId: string,
    systemId: string | undefined,
    transition: (status: number, lines: LineState[], now: string) => Transition | Refusal,
  ): Promise<SimResult<{ apInfId: string; status: number; docChgNum: number }>> {
    if (!apInfIdSchema.safeParse(apInfId).success) return notFound();
    const db = await this.db();
    for (let attempt = 0; attempt < CAS_ATTEMPTS; attempt++) {
      const outcome = await db.transaction(async (tx) => {
        const [document] = await tx
          .select()
          .from(knoxSimDocuments)
          .where(
            systemId === undefined
              ? eq(knoxSimDocuments.apInfId, apInfId)
              : and(eq(knoxSimDocuments.apInfId, apInfId), eq(knoxSimDocuments.systemId, systemId)),
          );
        if (!document) return notFound();
        const lines = await tx
          .select()
          .from(knoxSimLines)
          .where(eq(knoxSimLines.apInfId, apInfId))
          .orderBy(asc(knoxSimLines.seq), asc(knoxSimLines.id));
        const before = lines.map(toLineState);
        const result = transition(document.status, before, this.now());
        if (!result.ok) return result;
        const [updated] = await tx
          .update(knoxSimDocuments)
          .set({
            status: result.status,
            docChgNum: sql`${knoxSimDocuments.docChgNum} + 1`,
            updatedAt: this.clock(),
          })
          .where(
            and(eq(knoxSimDocuments.apInfId, apInfId), eq(knoxSimDocuments.docChgNum, document.docChgNum)),
          )
          .returning({ status: knoxSimDocuments.status, docChgNum: knoxSimDocuments.docChgNum });
        if (!updated) return 'conflict' as const;
        const previous = new Map(before.map((line) => [line.id, line]));
        for (const line of result.lines) {
          const old = previous.get(line.id);
          if (old && JSON.stringify(old) === JSON.stringify(line)) continue;
          await tx
            .update(knoxSimLines)
            .set({
              aplnStatsCode: line.aplnStatsCode,
              opinion: line.opinion,
              docArvDt: line.docArvDt,
              docOpenDt: line.docOpenDt,
              actPrssDt: line.actPrssDt,
            })
            .where(eq(knoxSimLines.id, line.id));
        }
        return { ok: true as const, data: { apInfId, ...updated } };
      });
      if (outcome !== 'conflict') return outcome;
    }
    throw new Error(`knox simulator: ${apInfId} kept changing under ${CAS_ATTEMPTS} attempts`);
  }
}

/**
 * What Knox would refuse in a line (inferred where Knox's rules are unknown): exactly one drafter
 * at seq 0; every other entry after it; known roles; at least one entry that approves; no person
 * twice in one step.
 */
export function validateLine(
  entries: ReadonlyArray<{ epId: string; seq: number; role: number }>,
): string | undefined {
  const drafters = entries.filter((entry) => entry.role === KNOX_LINE_ROLE.DRAFTER);
  if (drafters.length !== 1)
    return `the approval line needs exactly one drafter (role 0), got ${drafters.length}`;
  if (drafters[0]!.seq !== 0) return 'the drafter (role 0) must have seq 0';
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!KNOWN_ROLES.has(entry.role)) return `unknown role ${entry.role} for ${entry.epId}`;
    if (entry.role !== KNOX_LINE_ROLE.DRAFTER && entry.seq < 1) {
      return `seq of ${entry.epId} must be 1 or more (seq 0 is the drafter's)`;
    }
    const key = `${entry.seq}:${entry.epId}`;
    if (seen.has(key)) return `${entry.epId} appears twice at seq ${entry.seq}`;
    seen.add(key);
  }
  if (!entries.some((entry) => isBlockingRole(entry.role))) {
    return 'the approval line has no approver (role 1, 2, 4 or 7)';
  }
  return undefined;
}

export type { KnoxSimDocument };
