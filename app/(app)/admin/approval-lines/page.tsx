import { ApprovalLineRuleEditor } from '@/components/admin/approval-line-rule-editor';
import { Card, CardBody, CardHeader, Notice, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { loadApprovalLineRules } from '@/lib/approval-lines/page-data';

export const metadata = { title: '결재선 규칙 · 협력업체 포털' };

export default async function ApprovalLinesPage() {
  const actions = await loadApprovalLineRules();
  return (
    <>
      <PageHeader
        title="결재선 규칙"
        description="액션 유형마다 요청자의 조직도에서 결재선을 정합니다. 요청자는 합의·통보만 더할 수 있고, 전결은 규칙에서만 정해집니다."
      />
      <div className="space-y-6">
        {actions.map(({ actionType, title, rule }) => (
          <Card key={actionType}>
            <CardHeader
              title={title}
              description={
                rule
                  ? `최근 수정 ${formatDateTime(rule.updatedAt)}${rule.updatedByName ? ` · ${rule.updatedByName}` : ''}`
                  : undefined
              }
            />
            <CardBody className="space-y-3">
              {rule ? null : (
                <Notice tone="warning" title="규칙이 없습니다">
                  규칙을 저장하기 전까지 이 액션의 결재 요청은 거부됩니다.
                </Notice>
              )}
              <ApprovalLineRuleEditor actionType={actionType} title={title} initial={rule?.entries ?? []} />
            </CardBody>
          </Card>
        ))}
      </div>
    </>
  );
}
