'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTRPC } from '../../lib/trpc';
import { Button, useToast } from '../../ui';
import { describeError } from '../../lib/describe-error';

export function SignOutButton() {
  const trpc = useTRPC();
  const router = useRouter();
  const toast = useToast();
  const queryClient = useQueryClient();
  const signOut = useMutation(
    trpc.auth.signOut.mutationOptions({
      onSuccess: () => {
        // Nothing cached for this user may leak into the next session in this tab.
        queryClient.clear();
        router.replace('/sign-in');
      },
      onError: (error) => toast.error(describeError(error)),
    }),
  );
  return (
    <Button variant="ghost" size="sm" busy={signOut.isPending} onClick={() => signOut.mutate()} data-testid="sign-out">
      Sign out
    </Button>
  );
}
