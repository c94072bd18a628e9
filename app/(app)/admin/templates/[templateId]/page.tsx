import Link from 'next/link';
import { notFound } from 'next/navigation';
import { TemplateEditor } from '@/components/admin/template-editor';
import { Badge } from '@/components/ui/badge';
import { Card, CardHeader, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { loadTemplate } from '@/lib/admin/page-data';

export const metadata = { title: '결재 양식 편집 · 협력업체 포털' };

export default async function TemplateEditPage({ params }: { params: Promise<{ templateId: string }> }) {
  const { templateId } = await params;
  const found = await loadTemplate(Number(templateId));
  if (!found) notFound();
  const { template, versions } = found;
  return (
    <>
      <PageHeader
        breadcrumb={
          <Link href="/admin/templates" className="hover:underline">
            결재 양식
          </Link>
        }
        title={
          <span className="flex items-center gap-3">
            {template.name} <Badge tone="accent">v{template.version}</Badge>
          </span>
        }
        description={template.description ?? undefined}
      />
      {/* keyed by version: after a save the editor starts again from the saved content */}
      <TemplateEditor
        key={template.version}
        templateId={template.id}
        version={template.version}
        initialContent={template.content}
        initialSamples={template.sampleVariables}
      />
      <Card className="mt-6">
        <CardHeader
          title="버전 이력"
          description="저장하거나 복원할 때마다 한 버전씩 보관됩니다. 이전 버전을 열어 현재와 비교하고 복원할 수 있습니다"
        />
        <ol className="divide-y divide-slate-100">
          {versions.map((row) => (
            <li key={row.id} className="flex flex-wrap items-center justify-between gap-2 px-5 py-3 text-sm">
              <span>
                <span className="font-semibold text-slate-900">버전 {row.version}</span>
                {row.version === template.version ? (
                  <span className="ml-2">
                    <Badge tone="success">현재</Badge>
                  </span>
                ) : null}
                <span className="ml-2 text-slate-600">
                  {formatDateTime(row.createdAt)} · {row.createdByName ?? '시드'}
                </span>
              </span>
              <Link
                href={`/admin/templates/${template.id}/versions/${row.version}`}
                className="text-indigo-700 hover:underline"
              >
                {row.version === template.version ? '내용 보기' : '보기 · 비교 · 복원'}
                <span className="sr-only"> (버전 {row.version})</span>
              </Link>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
