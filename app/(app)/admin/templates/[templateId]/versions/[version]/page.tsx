import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TemplateDiffView } from '@/components/admin/template-diff-view';
import { TemplateRestoreButton } from '@/components/admin/template-restore-button';
import { Badge } from '@/components/ui/badge';
import { Card, CardBody, CardHeader, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { loadTemplateVersion } from '@/lib/admin/page-data';
import { diffSummary } from '@/lib/admin/template-diff';
import { withParticle } from '@/lib/text/particle';

export const metadata = { title: '결재 양식 버전 · 협력업체 포털' };

export default async function TemplateVersionPage({
  params,
}: {
  params: Promise<{ templateId: string; version: string }>;
}) {
  const { templateId, version } = await params;
  const found = await loadTemplateVersion(Number(templateId), Number(version));
  if (!found) notFound();
  const { template, version: kept, diff } = found;
  const isCurrent = kept.version === template.version;
  const { added, removed } = diffSummary(diff);
  return (
    <>
      <PageHeader
        breadcrumb={
          <>
            <Link href="/admin/templates" className="hover:underline">
              결재 양식
            </Link>
            {' / '}
            <Link href={`/admin/templates/${template.id}`} className="hover:underline">
              {template.name}
            </Link>
          </>
        }
        title={
          <span className="flex flex-wrap items-center gap-3">
            버전 {kept.version}
            {isCurrent ? <Badge tone="success">현재 버전</Badge> : <Badge tone="neutral">이전 버전</Badge>}
          </span>
        }
        description={`${formatDateTime(kept.createdAt)} · ${kept.createdByName ?? '시드'}`}
        actions={
          isCurrent ? null : (
            <TemplateRestoreButton
              templateId={template.id}
              version={kept.version}
              currentVersion={template.version}
            />
          )
        }
      />
      <Card>
        <CardHeader
          title={`현재 버전 ${withParticle(template.version, '과/와')} 비교`}
          description={
            isCurrent
              ? '현재 버전입니다. 바뀐 줄이 없습니다.'
              : `버전 ${kept.version} → 현재: 추가 ${added}줄 · 삭제 ${removed}줄`
          }
        />
        <CardBody className="p-0">
          <TemplateDiffView
            lines={diff}
            caption={`버전 ${kept.version}에서 현재 버전 ${template.version}까지 바뀐 줄`}
          />
        </CardBody>
      </Card>
      <Card className="mt-6">
        <CardHeader title={`버전 ${kept.version} 내용`} description="읽기 전용" />
        <CardBody>
          <pre
            className="whitespace-pre-wrap break-all rounded-md bg-slate-50 p-3 text-xs text-slate-700"
            data-testid="template-version-content"
          >
            {kept.content}
          </pre>
        </CardBody>
      </Card>
    </>
  );
}
