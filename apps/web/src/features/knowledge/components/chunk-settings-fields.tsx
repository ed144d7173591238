'use client';
import { Field, Input, Select } from '../../../ui';
import type { ChunkSettingsForm } from '../model/chunk-settings-form';

export type ChunkSettingsProblems = Partial<Record<keyof ChunkSettingsForm, string>>;

const modes = [
  { mode: 'general', title: 'General', description: 'Flat chunks; each is embedded and returned as is.' },
  { mode: 'parent-child', title: 'Parent-child', description: 'Small children are matched; their larger parent is returned as context.' },
] as const;

const separatorsHint = 'Tried in order, separated by spaces. \\n newline, \\t tab, \\s space.';

interface ChunkSettingsFieldsProps {
  value: ChunkSettingsForm;
  problems: ChunkSettingsProblems;
  onChange(value: ChunkSettingsForm): void;
}

/** Chunking mode, separators, sizes and overlap; validation is done by formToChunkSettings. */
export function ChunkSettingsFields({ value, problems, onChange }: ChunkSettingsFieldsProps) {
  const set = <K extends keyof ChunkSettingsForm>(key: K, next: ChunkSettingsForm[K]) => onChange({ ...value, [key]: next });
  const numberField = (key: 'maxTokens' | 'overlapTokens' | 'parentMaxTokens' | 'childMaxTokens', label: string, testId: string) => (
    <Field label={label} error={problems[key]}>
      {(id) => (
        <Input id={id} type="number" min={0} value={Number.isNaN(value[key]) ? '' : value[key]} aria-invalid={problems[key] ? true : undefined} onChange={(event) => set(key, event.target.valueAsNumber)} data-testid={testId} />
      )}
    </Field>
  );
  const separatorsField = (key: 'separators' | 'parentSeparators' | 'childSeparators', label: string, testId: string) => (
    <Field label={label} error={problems[key]} hint={separatorsHint}>
      {(id) => <Input id={id} className="font-mono" value={value[key]} aria-invalid={problems[key] ? true : undefined} onChange={(event) => set(key, event.target.value)} data-testid={testId} />}
    </Field>
  );

  return (
    <fieldset className="flex flex-col gap-3" data-testid="chunk-settings">
      <legend className="mb-2 text-xs font-medium text-slate-700">Chunking</legend>
      <div role="radiogroup" aria-label="Chunking mode" className="grid grid-cols-2 gap-2">
        {modes.map((option) => (
          <button
            key={option.mode}
            type="button"
            role="radio"
            aria-checked={value.mode === option.mode}
            data-testid={`chunk-mode-${option.mode}`}
            onClick={() => set('mode', option.mode)}
            className={`rounded-lg border p-2.5 text-left text-sm ${value.mode === option.mode ? 'border-brand-500 bg-brand-50 ring-2 ring-brand-500/20' : 'border-slate-200 hover:border-slate-300'}`}
          >
            <div className="font-medium">{option.title}</div>
            <div className="mt-0.5 text-xs text-slate-500">{option.description}</div>
          </button>
        ))}
      </div>
      {value.mode === 'general' ? (
        <>
          {separatorsField('separators', 'Separators', 'chunk-separators')}
          <div className="grid grid-cols-2 gap-3">
            {numberField('maxTokens', 'Max tokens per chunk', 'chunk-max-tokens')}
            {numberField('overlapTokens', 'Overlap (tokens)', 'chunk-overlap')}
          </div>
        </>
      ) : (
        <>
          <div className="grid grid-cols-2 gap-3">
            <Field label="Parent" error={problems.parentScope}>
              {(id) => (
                <Select id={id} value={value.parentScope} onChange={(event) => set('parentScope', event.target.value as ChunkSettingsForm['parentScope'])} data-testid="chunk-parent-scope">
                  <option value="paragraph">Paragraphs</option>
                  <option value="full-doc">Whole document</option>
                </Select>
              )}
            </Field>
            {value.parentScope === 'paragraph' && numberField('parentMaxTokens', 'Max tokens per parent', 'chunk-parent-max-tokens')}
          </div>
          {value.parentScope === 'paragraph' && separatorsField('parentSeparators', 'Parent separators', 'chunk-parent-separators')}
          {separatorsField('childSeparators', 'Child separators', 'chunk-child-separators')}
          {numberField('childMaxTokens', 'Max tokens per child', 'chunk-child-max-tokens')}
        </>
      )}
    </fieldset>
  );
}
