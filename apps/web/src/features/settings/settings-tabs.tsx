'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import type { ReactNode } from 'react';
import { routes } from '../../lib/routes';
import { PageHeader } from '../shell';

const tabs = [
  { href: routes.providers, label: 'Model providers', testId: 'settings-tab-providers' },
  { href: routes.members, label: 'Members', testId: 'settings-tab-members' },
] as const;

export function SettingsLayout({ children }: { children: ReactNode }) {
  const pathname = usePathname();
  return (
    <div>
      <PageHeader title="Settings" />
      <nav className="mb-4 flex gap-1 border-b border-slate-200 text-sm">
        {tabs.map((tab) => {
          const active = pathname === tab.href;
          return (
            <Link
              key={tab.href}
              href={tab.href}
              data-testid={tab.testId}
              aria-current={active ? 'page' : undefined}
              className={`-mb-px border-b-2 px-3 py-2 ${active ? 'border-brand-600 font-medium text-slate-900' : 'border-transparent text-slate-500 hover:text-slate-800'}`}
            >
              {tab.label}
            </Link>
          );
        })}
      </nav>
      {children}
    </div>
  );
}
