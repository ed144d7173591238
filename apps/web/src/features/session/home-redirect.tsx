'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { describeError } from '../../lib/describe-error';
import { useSession } from './use-session';

/** `/`: first run → setup; signed out → sign-in; else the apps list. */
export function HomeRedirect() {
  const router = useRouter();
  const { me, needsSetup, isLoading, error } = useSession();
  useEffect(() => {
    if (isLoading || error) return;
    router.replace(needsSetup ? '/setup' : me ? '/apps' : '/sign-in');
  }, [isLoading, error, needsSetup, me, router]);
  return (
    <div data-testid="home" className="flex min-h-screen items-center justify-center text-sm text-slate-500">
      {error ? describeError(error) : 'Loading…'}
    </div>
  );
}
