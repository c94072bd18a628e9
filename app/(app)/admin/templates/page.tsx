import Link from 'next/link';
import { Badge } from '@/components/ui/badge';
import { Card, PageHeader } from '@/components/ui/card';
import { formatDateTime } from '@/components/ui/format';
import { loadTemplates } from '@/lib/admin/page-data';

export const metadata = { title: '결재 양식 · 협력업체 포털' };

export default async function TemplatesPage() {
  const templates = await loadTemplates();
  return (
    <>
      <PageHeader
        title="결재 양식"
        description="Knox에 상신하는 결재 문서의 HTML 양식입니다. 저장할 때마다 새 버전으로 보관됩니다."
      />
      <Card>
        <ul className="divide-y divide-slate-100">
          {templates.map((template) => (
            <li key={template.id}>
              <Link href={`/admin/templates/${template.id}`} className="block px-5 py-4 hover:bg-slate-50">
                <div className="flex flex-wrap items-center justify-between gap-2">
                  <span className="font-semibold text-indigo-700">{template.name}</span>
                  <Badge tone="accent">v{template.version}</Badge>
                </div>
                {template.description ? (
                  <p className="mt-0.5 text-sm text-slate-600">{template.description}</p>
                ) : null}
                <p className="mt-1 text-xs text-slate-500">
                  변수 {template.placeholderCount}개 · 최근 수정 {formatDateTime(template.updatedAt)}
                  {template.updatedByName ? ` · ${template.updatedByName}` : ''}
                </p>
              </Link>
            </li>
          ))}
        </ul>
      </Card>
    </>
  );
}
