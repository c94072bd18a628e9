import { ApprovalInputError } from '@/lib/approval';
import { kstDate } from '@/lib/time/kst';

/** An investigation cannot be asked for days already gone; today (KST) is still allowed. */
export function assertScheduleNotPast(
  input: { requestedStartDate: string },
  today: string = kstDate(),
): void {
  if (input.requestedStartDate < today) {
    throw new ApprovalInputError(
      `실사 시작 희망일은 오늘(${today}) 이후여야 합니다: ${input.requestedStartDate}은(는) 지난 날짜입니다`,
    );
  }
}
