'use client';

import type { ReactNode } from 'react';
import { SessionGate } from '../session';
import { AppHeader } from './app-header';

export interface WorkspaceShellProps {
  children: ReactNode;
  /** Full-bleed pages (the editor) manage their own padding and scrolling. */
  bleed?: boolean;
}

/** Signed-in pages: session check, the top navigation, then the page. */
export function WorkspaceShell({ children, bleed = false }: WorkspaceShellProps) {
  return (
    <SessionGate>
      <div className="flex h-screen flex-col">
        <AppHeader />
        <main className={bleed ? 'min-h-0 flex-1' : 'min-h-0 flex-1 overflow-auto'}>
          {bleed ? children : <div className="mx-auto w-full max-w-6xl px-6 py-6">{children}</div>}
        </main>
      </div>
    </SessionGate>
  );
}

/** Page title row with optional actions on the right. */
export function PageHeader({ title, description, actions }: { title: string; description?: ReactNode; actions?: ReactNode }) {
  return (
    <div className="mb-5 flex items-start justify-between gap-4">
      <div>
        <h1 className="text-xl font-semibold">{title}</h1>
        {description && <p className="mt-1 text-sm text-slate-500">{description}</p>}
      </div>
      {actions && <div className="flex shrink-0 items-center gap-2">{actions}</div>}
    </div>
  );
}
