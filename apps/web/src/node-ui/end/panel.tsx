'use client';
import type { NodePanelProps } from '../node-ui-types';
import { NamedSelectorList } from '../shared/named-selector-list';
import { readEndDraft } from './draft';

export function EndPanel({ config, onChange, upstream, readOnly }: NodePanelProps) {
  const { outputs } = readEndDraft(config);
  return (
    <NamedSelectorList
      title="Outputs"
      listKey="outputs"
      namePrefix="output"
      rows={outputs}
      upstream={upstream}
      readOnly={readOnly}
      onChange={(rows) => onChange({ ...config, outputs: rows })}
    />
  );
}
