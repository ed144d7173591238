'use client';
import { supportedExtensions, type ChunkSettingsInput } from '@weft/knowledge/spec';
import { useRef, useState, type ChangeEvent, type DragEvent, type FormEvent } from 'react';
import { describeError } from '../../../lib/describe-error';
import { Button, Field, Input, TextArea } from '../../../ui';
import { isPreviewable, stageFiles, type StagedFile } from '../model/staged-files';
import { StagedFileList } from './staged-file-list';
import { ChunkPreview } from './chunk-preview';
import { useAddDocuments } from '../hooks/use-add-documents';

type Source = 'files' | 'text';
const accept = supportedExtensions.map((extension) => `.${extension}`).join(',');

/** Upload files (picker or drag and drop) or paste text, preview the chunks, then index. */
export function AddDocuments({ knowledgeBaseId, chunkSettings }: { knowledgeBaseId: string; chunkSettings: ChunkSettingsInput | undefined }) {
  const [source, setSource] = useState<Source>('files');
  const [staged, setStaged] = useState<StagedFile[]>([]);
  const [previewKey, setPreviewKey] = useState<string | undefined>();
  const [dragging, setDragging] = useState(false);
  const [textName, setTextName] = useState('');
  const [text, setText] = useState('');
  const input = useRef<HTMLInputElement>(null);
  const { upload, addText } = useAddDocuments(knowledgeBaseId);

  const add = (files: FileList | null) => {
    if (!files) return;
    const next = stageFiles(staged, Array.from(files));
    setStaged(next);
    setPreviewKey((current) => current ?? next.find((entry) => !entry.problem && isPreviewable(entry.file.name))?.key);
  };
  const drop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    add(event.dataTransfer.files);
  };
  const dragOver = (event: DragEvent) => {
    event.preventDefault();
    setDragging(true);
  };
  const pick = (event: ChangeEvent<HTMLInputElement>) => {
    add(event.target.files);
    event.target.value = '';
  };
  const submitText = (event: FormEvent) => {
    event.preventDefault();
    const clear = () => {
      setText('');
      setTextName('');
    };
    addText.mutate({ knowledgeBaseId, name: textName.trim() || 'Pasted text', text }, { onSuccess: clear });
  };
  const ready = staged.filter((entry) => !entry.problem);
  const startUpload = () =>
    upload.mutate(
      ready.map((entry) => entry.file),
      { onSuccess: ({ failed }) => setStaged((list) => list.filter((entry) => entry.problem || failed.includes(entry.file))) },
    );
  const previewed = staged.find((entry) => entry.key === previewKey);
  const previewSource =
    source === 'text'
      ? text.trim() === '' ? undefined : { label: 'text', read: async () => text }
      : previewed ? { label: previewed.file.name, read: () => previewed.file.text() } : undefined;

  return (
    <section className="grid grid-cols-1 gap-4 rounded-lg border border-slate-200 bg-white p-4 lg:grid-cols-2" data-testid="add-documents">
      <div className="flex flex-col gap-3">
        <div role="tablist" aria-label="Add documents from" className="flex gap-1 text-sm">
          {(['files', 'text'] as const).map((option) => (
            <button key={option} type="button" role="tab" aria-selected={source === option} onClick={() => setSource(option)} data-testid={`add-source-${option}`}
              className={`rounded-md px-2.5 py-1 ${source === option ? 'bg-slate-100 font-medium text-slate-900' : 'text-slate-500 hover:text-slate-900'}`}>
              {option === 'files' ? 'Upload files' : 'Paste text'}
            </button>
          ))}
        </div>
        {source === 'files' ? (
          <>
            <div
              onDragOver={dragOver}
              onDragLeave={() => setDragging(false)}
              onDrop={drop}
              onClick={() => input.current?.click()}
              data-testid="document-drop-zone"
              className={`flex cursor-pointer flex-col items-center justify-center gap-1 rounded-lg border-2 border-dashed px-4 py-6 text-center text-sm ${dragging ? 'border-brand-500 bg-brand-50' : 'border-slate-300 hover:border-slate-400'}`}
            >
              <span className="font-medium text-slate-700">Drop files here or click to choose</span>
              <span className="text-xs text-slate-500">{supportedExtensions.filter((extension) => !['markdown', 'htm'].includes(extension)).join(', ')} · up to 15 MB each</span>
              <input ref={input} type="file" multiple accept={accept} className="hidden" data-testid="document-file-input" onChange={pick} />
            </div>
            <StagedFileList
              staged={staged}
              previewKey={previewKey}
              onPreview={setPreviewKey}
              onRemove={(key) => setStaged((list) => list.filter((entry) => entry.key !== key))}
            />
            <div className="flex items-center justify-end gap-2">
              {upload.error && <p className="mr-auto text-xs text-red-600">{describeError(upload.error)}</p>}
              <Button disabled={ready.length === 0} busy={upload.isPending} onClick={startUpload} data-testid="upload-documents">
                {ready.length > 1 ? `Upload and index ${ready.length} files` : 'Upload and index'}
              </Button>
            </div>
          </>
        ) : (
          <form className="flex flex-col gap-3" onSubmit={submitText}>
            <Field label="Name" hint="Shown in the documents list and in retrieval hits.">
              {(id) => <Input id={id} maxLength={200} placeholder="Pasted text" value={textName} onChange={(event) => setTextName(event.target.value)} data-testid="paste-text-name" />}
            </Field>
            <Field label="Text" error={addText.error ? describeError(addText.error) : undefined}>
              {(id) => <TextArea id={id} rows={8} required value={text} onChange={(event) => setText(event.target.value)} data-testid="paste-text-content" />}
            </Field>
            <div className="flex justify-end">
              <Button type="submit" disabled={text.trim() === ''} busy={addText.isPending} data-testid="paste-text-submit">
                Add and index
              </Button>
            </div>
          </form>
        )}
      </div>
      <ChunkPreview key={source === 'text' ? 'text' : (previewKey ?? 'none')} knowledgeBaseId={knowledgeBaseId} chunkSettings={chunkSettings} source={previewSource} />
    </section>
  );
}
