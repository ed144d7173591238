'use client';

import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { Badge, Button, Input } from '../../ui';
import type { ProviderView } from './provider-form-dialog';

/** "Test connection": one tiny call through the stored credentials; the result (or the provider's error) inline. */
export function TestConnection({ workspaceId, provider }: { workspaceId: string; provider: ProviderView }) {
  const trpc = useTRPC();
  const [model, setModel] = useState('');
  const test = useMutation(trpc.providers.testConnection.mutationOptions());
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const trimmed = model.trim();
    test.mutate({ workspaceId, providerId: provider.id, ...(trimmed !== '' ? { model: trimmed } : {}) });
  };
  const result = test.data;
  return (
    <form onSubmit={submit} className="flex flex-wrap items-center gap-2" data-testid="test-connection">
      {provider.kind === 'openai' && (
        <Input
          aria-label="Model to test"
          className="w-48"
          placeholder="model, e.g. gpt-4o-mini"
          value={model}
          onChange={(event) => setModel(event.target.value)}
          data-testid="test-connection-model"
        />
      )}
      <Button type="submit" variant="secondary" size="sm" busy={test.isPending} data-testid="test-connection-submit">
        Test connection
      </Button>
      {result &&
        (result.ok ? (
          <Badge tone="success" data-testid="test-connection-ok">
            Connected · {result.model} · {result.latencyMs} ms
          </Badge>
        ) : (
          <span className="text-xs text-red-600" data-testid="test-connection-failed">
            <Badge tone="danger">{result.code}</Badge> {result.message}
          </span>
        ))}
      {test.error && (
        <span className="text-xs text-red-600" data-testid="test-connection-failed">
          {describeError(test.error)}
        </span>
      )}
    </form>
  );
}
