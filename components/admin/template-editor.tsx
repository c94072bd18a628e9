'use client';
import { useRouter } from 'next/navigation';
import { useEffect, useMemo, useRef, useState, useTransition } from 'react';
import { Button } from '@/components/ui/button';
import { Card, CardBody, CardHeader } from '@/components/ui/card';
import { Input, Textarea } from '@/components/ui/field';
import { toastActionResult } from '@/lib/actions/toast';
import { previewTemplateAction, saveTemplateAction } from '@/lib/admin/actions';
import { withParticle } from '@/lib/text/particle';

const PLACEHOLDER = /\{\{\s*([^{}]+?)\s*\}\}/g;

function placeholdersOf(content: string): string[] {
  const names: string[] = [];
  for (const match of content.matchAll(PLACEHOLDER)) if (!names.includes(match[1]!)) names.push(match[1]!);
  return names;
}

interface Preview {
  html: string;
  unreplaced: string[];
  /** Markup the allow-list removes: a save is refused until it is gone. */
  removed: string[];
  /** The content without it, offered as a one-click fix. */
  cleaned: string | null;
  /** Placeholders no action fills for this template: a save is refused while any is left. */
  unknownPlaceholders: string[];
}

export function TemplateEditor({
  templateId,
  version,
  initialContent,
  initialSamples,
}: {
  templateId: number;
  version: number;
  initialContent: string;
  initialSamples: Record<string, string>;
}) {
  const router = useRouter();
  const [content, setContent] = useState(initialContent);
  const [samples, setSamples] = useState<Record<string, string>>(initialSamples);
  const [preview, setPreview] = useState<Preview | null>(null);
  const [previewError, setPreviewError] = useState<string | null>(null);
  const [saving, startSaving] = useTransition();
  const firstPreview = useRef(true);
  const placeholders = useMemo(() => placeholdersOf(content), [content]);
  const dirty = content !== initialContent || JSON.stringify(samples) !== JSON.stringify(initialSamples);

  useEffect(() => {
    let cancelled = false;
    const timer = setTimeout(
      async () => {
        const used = Object.fromEntries(
          Object.entries(samples).filter(([name]) => placeholders.includes(name)),
        );
        const result = await previewTemplateAction({ templateId, content, sampleVariables: used });
        if (cancelled) return;
        if (result.ok) {
          setPreview(result.data);
          setPreviewError(null);
        } else {
          setPreviewError(result.error.message);
        }
        // The first preview at once; while typing, wait for a pause.
      },
      firstPreview.current ? 0 : 250,
    );
    firstPreview.current = false;
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [templateId, content, samples, placeholders]);

  const save = () =>
    startSaving(async () => {
      const used = Object.fromEntries(
        Object.entries(samples).filter(([name]) => placeholders.includes(name)),
      );
      const result = await saveTemplateAction({
        templateId,
        baseVersion: version,
        content,
        sampleVariables: used,
      });
      const saved = toastActionResult(result, {
        success: (data) => `양식을 저장했습니다. (버전 ${data.version})`,
        failure: '양식 저장에 실패했습니다.',
      });
      if (saved) router.refresh();
    });

  return (
    <div className="grid gap-6 xl:grid-cols-2">
      <Card>
        <CardHeader
          title="HTML 편집"
          description={`현재 버전 ${version} · 저장하면 버전 ${withParticle(version + 1, '이/가')} 됩니다`}
          actions={
            <Button onClick={save} disabled={saving || !dirty || !content.trim()}>
              {saving ? '저장 중…' : '새 버전으로 저장'}
            </Button>
          }
        />
        <CardBody className="space-y-4">
          <div>
            <label htmlFor="template-content" className="text-sm font-medium text-slate-800">
              양식 HTML
            </label>
            <Textarea
              id="template-content"
              value={content}
              onChange={(event) => setContent(event.target.value)}
              rows={18}
              spellCheck={false}
              className="mt-1.5 font-mono text-xs leading-relaxed"
            />
            <p className="mt-1 text-xs text-slate-500">
              변수는 {'{{변수명}}'}으로 씁니다. 제목·문단·표·목록과 간단한 인라인 스타일만 쓸 수 있고,
              스크립트·이벤트 속성·class·위치 지정 스타일·javascript: 링크가 있으면 저장되지 않습니다.
            </p>
          </div>
          <div>
            <h3 className="text-sm font-medium text-slate-800">변수와 미리보기 값 ({placeholders.length})</h3>
            {placeholders.length === 0 ? (
              <p className="mt-1 text-sm text-slate-500">양식에 변수가 없습니다.</p>
            ) : (
              <ul className="mt-2 space-y-2">
                {placeholders.map((name) => (
                  <li key={name} className="grid grid-cols-[9rem_1fr] items-center gap-2">
                    <label htmlFor={`sample-${name}`} className="truncate font-mono text-xs text-slate-700">
                      {`{{${name}}}`}
                    </label>
                    <Input
                      id={`sample-${name}`}
                      value={samples[name] ?? ''}
                      onChange={(event) =>
                        setSamples((current) => ({ ...current, [name]: event.target.value }))
                      }
                      placeholder="미리보기용 값"
                    />
                  </li>
                ))}
              </ul>
            )}
          </div>
        </CardBody>
      </Card>
      <Card>
        <CardHeader title="미리보기" description="예시 값으로 채운 문서 (안전하게 표시)" />
        <CardBody>
          {previewError ? <p className="text-sm text-rose-700">{previewError}</p> : null}
          {preview && (preview.removed.length > 0 || preview.unknownPlaceholders.length > 0) ? (
            <div
              className="mb-3 space-y-2 rounded-md bg-rose-50 px-3 py-2 text-xs text-rose-900 ring-1 ring-rose-200"
              data-testid="template-problems"
            >
              <p className="font-medium">이대로는 저장할 수 없습니다.</p>
              {preview.removed.length > 0 ? (
                <div>
                  <p>허용되지 않는 내용 (결재 문서에서 제거됨):</p>
                  <ul className="mt-1 list-disc pl-5">
                    {preview.removed.map((item) => (
                      <li key={item} className="font-mono">
                        {item}
                      </li>
                    ))}
                  </ul>
                  {preview.cleaned !== null ? (
                    <Button
                      variant="secondary"
                      size="sm"
                      className="mt-2"
                      onClick={() => setContent(preview.cleaned ?? content)}
                    >
                      허용되지 않는 내용 지우기
                    </Button>
                  ) : null}
                </div>
              ) : null}
              {preview.unknownPlaceholders.length > 0 ? (
                <p>
                  이 양식의 작업이 채우지 않는 변수:{' '}
                  <span className="font-mono">
                    {preview.unknownPlaceholders.map((name) => `{{${name}}}`).join(', ')}
                  </span>
                </p>
              ) : null}
            </div>
          ) : null}
          {preview && preview.unreplaced.length > 0 ? (
            <p className="mb-3 rounded-md bg-amber-50 px-3 py-2 text-xs text-amber-900 ring-1 ring-amber-200">
              값이 없는 변수: {preview.unreplaced.join(', ')}
            </p>
          ) : null}
          <section
            // biome-ignore lint/a11y/noNoninteractiveTabindex: a wide document scrolls sideways, and a keyboard must be able to scroll it
            tabIndex={0}
            aria-label="미리보기"
            className="approval-document min-h-40 overflow-x-auto rounded-lg border border-dashed border-slate-300 p-4 text-sm text-slate-800"
            data-testid="template-preview"
            // The server sanitized this with the same rules as the approval log page.
            // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server by previewTemplateAction
            dangerouslySetInnerHTML={{ __html: preview?.html ?? '' }}
          />
          {preview ? null : <p className="mt-2 text-xs text-slate-500">미리보기를 만드는 중…</p>}
        </CardBody>
      </Card>
    </div>
  );
}
