import { z } from 'zod';

/** What the 정규업체 등록 form is filled with for 다시 요청: the business input, never the line. */
export interface RegistrationPrefill {
  reason: string;
  items: string[];
}

const payloadSchema = z.object({
  vendorId: z.number().int().positive(),
  reason: z.string().default(''),
  items: z.array(z.string()).default([]),
});

/** The form's input from an earlier request's payload, or null when the payload is not one. */
export function registrationPrefill(payload: unknown): RegistrationPrefill | null {
  const parsed = payloadSchema.safeParse(payload);
  return parsed.success ? { reason: parsed.data.reason, items: parsed.data.items } : null;
}

/** The page of the form that asks for the registration again. */
export function registrationFormPath(payload: unknown): string | null {
  const parsed = payloadSchema.safeParse(payload);
  return parsed.success ? `/vendors/${parsed.data.vendorId}/register` : null;
}
