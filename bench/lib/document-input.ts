import { APPROVAL_TEMPLATE_SEEDS } from '@/db/seed/templates';

/** The template every harness document uses, with every placeholder filled as the app would. */
export const HARNESS_TEMPLATE = '정규업체 등록';

export function harnessVariables(index: number): Record<string, string> {
  const seed = APPROVAL_TEMPLATE_SEEDS.find((template) => template.name === HARNESS_TEMPLATE);
  if (!seed) throw new Error(`template ${HARNESS_TEMPLATE} is not seeded`);
  return { ...seed.sampleVariables, 협력업체명: `벤치마크 협력업체 ${index}` };
}
