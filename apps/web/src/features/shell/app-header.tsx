'use client';

import Link from 'next/link';
import { usePathname } from 'next/navigation';
import { SignOutButton, useWorkspace } from '../session';
import { Select } from '../../ui';

const sections = [
  { href: '/apps', label: 'Apps', testId: 'nav-apps' },
  { href: '/knowledge', label: 'Knowledge', testId: 'nav-knowledge' },
  { href: '/settings/providers', label: 'Settings', testId: 'nav-settings', match: '/settings' },
] as const;

export function AppHeader() {
  const pathname = usePathname();
  const { user, workspace, workspaces, selectWorkspace } = useWorkspace();
  return (
    <header className="flex h-12 shrink-0 items-center gap-6 border-b border-slate-200 bg-white px-4">
      <Link href="/apps" className="text-base font-bold tracking-tight text-brand-600">
        weft
      </Link>
      <nav className="flex items-center gap-1 text-sm">
        {sections.map((section) => {
          const active = pathname.startsWith('match' in section ? section.match : section.href);
          return (
            <Link
              key={section.href}
              href={section.href}
              data-testid={section.testId}
              aria-current={active ? 'page' : undefined}
              className={`rounded-md px-2.5 py-1 ${active ? 'bg-slate-100 font-medium text-slate-900' : 'text-slate-600 hover:text-slate-900'}`}
            >
              {section.label}
            </Link>
          );
        })}
      </nav>
      <div className="ml-auto flex items-center gap-3 text-sm">
        {workspaces.length > 1 ? (
          <Select aria-label="Workspace" className="w-44" value={workspace.id} onChange={(event) => selectWorkspace(event.target.value)} data-testid="workspace-select">
            {workspaces.map((candidate) => (
              <option key={candidate.id} value={candidate.id}>
                {candidate.name}
              </option>
            ))}
          </Select>
        ) : (
          <span className="text-slate-500" data-testid="workspace-name">
            {workspace.name}
          </span>
        )}
        <span className="text-slate-700" data-testid="current-user" title={user.email}>
          {user.name} <span className="text-xs text-slate-400">({workspace.role})</span>
        </span>
        <SignOutButton />
      </div>
    </header>
  );
}
