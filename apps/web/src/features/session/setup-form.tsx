'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError, fieldErrorsOf } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { Button, Field, Input } from '../../ui';
import { AuthCard } from './auth-card';

/** First run: the owner account and their workspace. Once someone has signed up, this page sends to sign-in. */
export function SetupForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.status.queryOptions());
  const [form, setForm] = useState({ name: '', email: '', password: '', workspaceName: 'My workspace' });
  const setup = useMutation(
    trpc.auth.setup.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.auth.pathKey() });
        router.replace('/apps');
      },
    }),
  );

  useEffect(() => {
    if (status.data && !status.data.needsSetup && !setup.isSuccess) router.replace('/sign-in');
  }, [status.data, setup.isSuccess, router]);

  const fieldErrors = fieldErrorsOf(setup.error);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    setup.mutate(form);
  };
  const bind = (key: keyof typeof form) => ({
    value: form[key],
    onChange: (event: { target: { value: string } }) => setForm((current) => ({ ...current, [key]: event.target.value })),
  });

  return (
    <AuthCard title="Set up weft" subtitle="Create the owner account. Others join later from Settings → Members.">
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="setup-form">
        <Field label="Your name" error={fieldErrors.name}>
          {(id) => <Input id={id} data-testid="setup-name" autoComplete="name" required {...bind('name')} />}
        </Field>
        <Field label="Email" error={fieldErrors.email}>
          {(id) => <Input id={id} data-testid="setup-email" type="email" autoComplete="email" required {...bind('email')} />}
        </Field>
        <Field label="Password" error={fieldErrors.password} hint="At least 8 characters.">
          {(id) => <Input id={id} data-testid="setup-password" type="password" autoComplete="new-password" minLength={8} required {...bind('password')} />}
        </Field>
        <Field label="Workspace name" error={fieldErrors.workspaceName}>
          {(id) => <Input id={id} data-testid="setup-workspace" required {...bind('workspaceName')} />}
        </Field>
        {setup.error && Object.keys(fieldErrors).length === 0 && (
          <p role="alert" className="text-sm text-red-600" data-testid="setup-error">
            {describeError(setup.error)}
          </p>
        )}
        <Button type="submit" busy={setup.isPending} data-testid="setup-submit">
          Create owner account
        </Button>
      </form>
    </AuthCard>
  );
}
