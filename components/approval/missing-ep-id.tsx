import { Notice } from '@/components/ui/card';
import { MISSING_EP_ID_MESSAGE } from '@/lib/auth/permissions';

export function MissingEpIdNotice() {
  return (
    <Notice tone="warning" title={MISSING_EP_ID_MESSAGE}>
      결재를 상신하려면 Knox EP ID가 필요합니다. 관리자에게 EP ID 등록을 요청하세요.
    </Notice>
  );
}
