/**
 * Knox approval wire format (knox-api.md), as zod schemas shared by the client (which parses
 * responses) and the simulator (which parses requests). Knox sends `status`, `seq`, `role`, `sbmDt`
 * and friends as strings in some responses and numbers in others: parsing accepts both, and what we
 * emit is always a string.
 */
import { z } from 'zod';
import { isKnoxStatus, KNOX_AP_INF_ID_MAX_LENGTH, type KnoxStatus } from './codes';

/** An integer that may arrive as a JSON number or as a numeric string. */
export const knoxInt = z
  .union([
    z.number().int(),
    z
      .string()
      .trim()
      .regex(/^-?\d+$/, { message: 'must be an integer' }),
  ])
  .transform((value) => Number(value));

/** A string field Knox sometimes sends as a number; always read back as a string. */
export const knoxString = z.union([z.string(), z.number()]).transform((value) => String(value));

export const yn = z.enum(['Y', 'N']);

/** `yyyyMMddHHmmss` */
export const knoxDateTime = knoxString.pipe(
  z.string().regex(/^\d{14}$/, { message: 'must be yyyyMMddHHmmss' }),
);

export const apInfIdSchema = z
  .string()
  .min(1, { message: 'apInfId is required' })
  .max(KNOX_AP_INF_ID_MAX_LENGTH, {
    message: `apInfId must be at most ${KNOX_AP_INF_ID_MAX_LENGTH} characters`,
  })
  .regex(/^[A-Za-z0-9_-]+$/, { message: 'apInfId may hold letters, digits, - and _ only' });

// ---------------------------------------------------------------------------------------------
// Requests

/** One entry of the approval line in a submit body. */
export const submitLineEntrySchema = z.object({
  epId: z.string().min(1),
  userId: z.string().optional(),
  emailAddress: z.string().optional(),
  seq: knoxInt,
  role: knoxInt,
  aplnStatsCode: knoxInt.default(0),
  arbPmtYn: yn.default('N'),
  contentsMdfyPmtYn: yn.default('N'),
  aplnMdfyPmtYn: yn.default('N'),
  opinion: z.string().nullish(),
});

export const attachmentSchema = z.object({
  contentType: z.string().min(1),
  fileName: z.string().min(1),
  /** base64 (inferred) */
  contents: z.string(),
});

/** Body of `POST /approval/api/v2.0/approvals/submit`. */
export const submitRequestSchema = z.object({
  subject: z.string().min(1, { message: 'subject is required' }),
  contents: z.string().min(1, { message: 'contents is required' }),
  contentsType: z.enum(['HTML', 'TEXT', 'MIME']),
  docSecuType: z.string().min(1),
  notifyOption: z.enum(['0', '1']),
  urgYn: yn,
  importantYn: yn.default('N'),
  sbmDt: knoxDateTime,
  timeZone: z.string().min(1),
  docMngSaveCode: z.string().min(1),
  sbmLang: z.string().min(1),
  apInfId: apInfIdSchema,
  aplns: z.array(submitLineEntrySchema).min(1, { message: 'the approval line (aplns) is empty' }),
  attachments: z.array(attachmentSchema).default([]),
});

/** The wire body as we send it: every number-like field a string. */
export interface SubmitRequestWire {
  subject: string;
  contents: string;
  contentsType: 'HTML';
  docSecuType: string;
  notifyOption: '0' | '1';
  urgYn: 'Y' | 'N';
  importantYn: 'Y' | 'N';
  sbmDt: string;
  timeZone: string;
  docMngSaveCode: string;
  sbmLang: string;
  apInfId: string;
  aplns: Array<{
    epId: string;
    userId?: string;
    emailAddress?: string;
    seq: string;
    role: string;
    aplnStatsCode: string;
    arbPmtYn: 'Y' | 'N';
    contentsMdfyPmtYn: 'Y' | 'N';
    aplnMdfyPmtYn: 'Y' | 'N';
    opinion?: string;
  }>;
  attachments: Array<z.infer<typeof attachmentSchema>>;
}

/** Body of the status call: note Knox's lower-case `apinfid`. At most 100 items. */
export const statusRequestSchema = z
  .array(z.object({ apinfid: z.string().min(1) }))
  .min(1, { message: 'at least one apinfid is required' });

/** Body of the cancel (상신취소) call. */
export const cancelRequestSchema = z.object({
  apInfId: apInfIdSchema,
  opinion: z.string().default(''),
});

// ---------------------------------------------------------------------------------------------
// Responses

export const failResponseSchema = z.object({
  result: z.literal('fail'),
  errorDetail: z
    .object({
      url: z.string().nullish(),
      errorCode: knoxString.nullish(),
      errorMessage: z.string().nullish(),
      detailMessages: z.unknown().nullish(),
    })
    .nullish(),
});
export type FailResponse = z.infer<typeof failResponseSchema>;

const success = <T extends z.ZodType>(data: T) =>
  z.object({ result: z.literal('success'), data, statusCode: knoxString.optional() });

export const submitResponseSchema = success(z.object({ apInfId: z.string() }).passthrough());

export const statusEntrySchema = z.object({
  apInfId: z.string(),
  docChgNum: knoxInt.default(0),
  status: knoxInt,
});
export type StatusEntry = z.output<typeof statusEntrySchema>;
export const statusResponseSchema = success(z.array(statusEntrySchema));
/**
 * The status answer as the client reads it: the list is checked here, each entry on its own
 * (parseStatusEntry), so one odd entry is refused alone instead of the whole answer.
 */
export const statusListResponseSchema = success(z.array(z.unknown()));

export type ParsedStatusEntry =
  | { ok: true; entry: StatusEntry & { status: KnoxStatus } }
  | { ok: false; apInfId: string | null; reason: string };

/** One entry of a status answer: readable with a known status (-2..6), or refused with why. */
export function parseStatusEntry(raw: unknown): ParsedStatusEntry {
  const apInfId =
    raw !== null && typeof raw === 'object' && typeof (raw as { apInfId?: unknown }).apInfId === 'string'
      ? (raw as { apInfId: string }).apInfId
      : null;
  const parsed = statusEntrySchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return { ok: false, apInfId, reason: `${issue?.path.join('.') || 'entry'}: ${issue?.message}` };
  }
  if (!isKnoxStatus(parsed.data.status)) {
    return { ok: false, apInfId, reason: `unknown document status ${parsed.data.status}` };
  }
  return { ok: true, entry: parsed.data as StatusEntry & { status: KnoxStatus } };
}

/** One entry of the approval line as the detail call reports it. */
export const detailLineEntrySchema = z
  .object({
    epId: z.string(),
    userId: z.string().nullish(),
    emailAddress: z.string().nullish(),
    seq: knoxInt,
    role: knoxInt,
    aplnStatsCode: knoxInt.default(0),
    arbPmtYn: yn.nullish(),
    contentsMdfyPmtYn: yn.nullish(),
    aplnMdfyPmtYn: yn.nullish(),
    opinion: z.string().nullish(),
    name: z.string().nullish(),
    companyName: z.string().nullish(),
    departmentName: z.string().nullish(),
    titleName: z.string().nullish(),
    actPrssDt: knoxString.nullish(),
    docArvDt: knoxString.nullish(),
    docOpenDt: knoxString.nullish(),
  })
  .passthrough();

export const detailSchema = z
  .object({
    apInfId: z.string(),
    systemId: z.string().nullish(),
    subject: z.string(),
    contentsType: z.string().nullish(),
    contents: z.string().nullish(),
    status: knoxInt,
    sbmDt: knoxString.nullish(),
    sbmLang: z.string().nullish(),
    timeZone: z.string().nullish(),
    notifyOption: knoxString.nullish(),
    urgYn: yn.nullish(),
    docSecuType: z.string().nullish(),
    docChgNum: knoxInt.optional(),
    aplns: z.array(detailLineEntrySchema).default([]),
  })
  .passthrough();
export type ApprovalDetail = z.output<typeof detailSchema>;
export const detailResponseSchema = success(detailSchema);

export const cancelResponseSchema = success(z.object({ apInfId: z.string() }).passthrough());
