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
        <CardHeader title="버전 이력" description="저장할 때마다 한 버전씩 보관됩니다" />
        <ol className="divide-y divide-slate-100">
          {versions.map((row) => (
            <li key={row.id} className="px-5 py-3">
              <details>
                <summary className="cursor-pointer text-sm">
                  <span className="font-semibold text-slate-900">버전 {row.version}</span>
                  <span className="ml-2 text-slate-500">
                    {formatDateTime(row.createdAt)} · {row.createdByName ?? '시드'}
                  </span>
                </summary>
                <pre className="mt-2 max-h-64 overflow-auto rounded-md bg-slate-50 p-3 text-xs text-slate-700">
                  {row.content}
                </pre>
              </details>
            </li>
          ))}
        </ol>
      </Card>
    </>
  );
}
