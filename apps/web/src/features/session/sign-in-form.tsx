'use client';

import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useState, type FormEvent } from 'react';
import { describeError } from '../../lib/describe-error';
import { useTRPC } from '../../lib/trpc';
import { Button, Field, Input } from '../../ui';
import { AuthCard } from './auth-card';
import { safeNextPath } from './safe-next-path';

function nextPath(): string {
  return safeNextPath(new URLSearchParams(window.location.search).get('next'));
}

export function SignInForm() {
  const trpc = useTRPC();
  const router = useRouter();
  const queryClient = useQueryClient();
  const status = useQuery(trpc.auth.status.queryOptions());
  const me = useQuery(trpc.auth.me.queryOptions());
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const signIn = useMutation(
    trpc.auth.signIn.mutationOptions({
      onSuccess: async () => {
        await queryClient.invalidateQueries({ queryKey: trpc.auth.pathKey() });
        router.replace(nextPath());
      },
    }),
  );

  useEffect(() => {
    if (status.data?.needsSetup) router.replace('/setup');
    else if (me.data && !signIn.isPending) router.replace(nextPath());
  }, [status.data, me.data, signIn.isPending, router]);

  const submit = (event: FormEvent) => {
    event.preventDefault();
    signIn.mutate({ email, password });
  };

  return (
    <AuthCard title="Sign in">
      <form onSubmit={submit} className="flex flex-col gap-3" data-testid="sign-in-form">
        <Field label="Email">
          {(id) => <Input id={id} data-testid="sign-in-email" type="email" autoComplete="email" required value={email} onChange={(event) => setEmail(event.target.value)} />}
        </Field>
        <Field label="Password">
          {(id) => (
            <Input
              id={id}
              data-testid="sign-in-password"
              type="password"
              autoComplete="current-password"
              required
              value={password}
              onChange={(event) => setPassword(event.target.value)}
            />
          )}
        </Field>
        {signIn.error && (
          <p role="alert" className="text-sm text-red-600" data-testid="sign-in-error">
            {describeError(signIn.error)}
          </p>
        )}
        <Button type="submit" busy={signIn.isPending} data-testid="sign-in-submit">
          Sign in
        </Button>
      </form>
    </AuthCard>
  );
}
