'use client';
import { useState } from 'react';
import { Field, NumberInput, PanelSection, SelectInput, Toggle } from '../../../node-ui';
import { errorStrategies, nextCacheSetting, readSettingsDraft, writeSettings, type SettingsDraft } from '../model/settings-draft';

const strategyOptions = errorStrategies.map((strategy) => ({
  value: strategy,
  label: { none: 'Fail the run', 'default-value': 'Use a default value', 'fail-branch': 'Take the fail branch' }[strategy],
}));

interface NodeSettingsFormProps {
  config: Record<string, unknown>;
  onChange(config: Record<string, unknown>): void;
  readOnly: boolean;
}

/** Retry, error strategy, timeout and cache: the behaviour every node type shares. */
export function NodeSettingsForm({ config, onChange, readOnly }: NodeSettingsFormProps) {
  const settings = readSettingsDraft(config);
  const write = (patch: Partial<SettingsDraft>) => onChange(writeSettings(config, patch));
  const [defaultText, setDefaultText] = useState(() => JSON.stringify(settings.defaultValue ?? {}, null, 2));
  const [defaultError, setDefaultError] = useState<string | null>(null);
  const cacheEnabled = settings.cache?.enabled ?? true;

  return (
    <PanelSection title="Settings">
      <Toggle label="Retry on failure" value={settings.retry !== undefined} disabled={readOnly} testId="settings-retry-enabled" onChange={(on) => write({ retry: on ? { maxRetries: 2, intervalMs: 1000 } : undefined })} />
      {settings.retry ? (
        <div className="grid grid-cols-2 gap-2">
          <Field label="Max retries" path="retry.maxRetries">
            {(id) => <NumberInput id={id} value={settings.retry?.maxRetries} min={0} max={10} disabled={readOnly} onChange={(maxRetries) => write({ retry: { intervalMs: settings.retry?.intervalMs ?? 1000, maxRetries: maxRetries ?? 0 } })} />}
          </Field>
          <Field label="Interval (ms)" path="retry.intervalMs">
            {(id) => <NumberInput id={id} value={settings.retry?.intervalMs} min={0} max={60000} disabled={readOnly} onChange={(intervalMs) => write({ retry: { maxRetries: settings.retry?.maxRetries ?? 1, intervalMs: intervalMs ?? 0 } })} />}
          </Field>
        </div>
      ) : null}
      <Field label="On error" path="errorStrategy">
        {(id) => <SelectInput id={id} value={settings.errorStrategy} options={strategyOptions} disabled={readOnly} testId="settings-error-strategy" onChange={(errorStrategy) => write({ errorStrategy })} />}
      </Field>
      {settings.errorStrategy === 'default-value' ? (
        <Field label="Default outputs (JSON object)" path="defaultValue">
          {(id) => (
            <>
              <textarea
                id={id}
                rows={3}
                className="w-full rounded border border-slate-300 px-2 py-1 font-mono text-xs"
                value={defaultText}
                disabled={readOnly}
                onChange={(event) => {
                  setDefaultText(event.target.value);
                  try {
                    const parsed: unknown = JSON.parse(event.target.value);
                    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected a JSON object like {"text": "sorry"}');
                    setDefaultError(null);
                    write({ defaultValue: Object.fromEntries(Object.entries(parsed)) });
                  } catch (error) {
                    setDefaultError(error instanceof Error ? error.message : String(error));
                  }
                }}
              />
              {defaultError ? <p className="text-xs text-red-600">{defaultError}</p> : null}
            </>
          )}
        </Field>
      ) : null}
      <Field label="Timeout (ms)" path="timeoutMs" hint="Empty: the run's default">
        {(id) => <NumberInput id={id} value={settings.timeoutMs} min={1} disabled={readOnly} testId="settings-timeout" onChange={(timeoutMs) => write({ timeoutMs })} />}
      </Field>
      <Toggle
        label="Cache results (same inputs → reuse the last result)"
        value={cacheEnabled}
        disabled={readOnly}
        testId="settings-cache-enabled"
        onChange={(enabled) => write({ cache: nextCacheSetting(settings.cache, { enabled }) })}
      />
      {cacheEnabled ? (
        <Field label="Cache TTL (seconds)" path="cache.ttlSeconds" hint="Empty: the store's default">
          {(id) => <NumberInput id={id} value={settings.cache?.ttlSeconds} min={1} disabled={readOnly} testId="settings-cache-ttl" onChange={(ttlSeconds) => write({ cache: nextCacheSetting(settings.cache, { ttlSeconds }) })} />}
        </Field>
      ) : null}
    </PanelSection>
  );
}
