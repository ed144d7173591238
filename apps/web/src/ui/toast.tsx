'use client';

import { createContext, useCallback, useContext, useMemo, useRef, useState, type ReactNode } from 'react';

export type ToastTone = 'info' | 'success' | 'error';

export interface Toast {
  id: number;
  tone: ToastTone;
  message: string;
}

export interface ToastApi {
  show(message: string, tone?: ToastTone): void;
  error(message: string): void;
  success(message: string): void;
}

const ToastContext = createContext<ToastApi | null>(null);
const toastLifetimeMs = 5_000;

const toneClasses: Record<ToastTone, string> = {
  info: 'border-slate-200 bg-white text-slate-800',
  success: 'border-emerald-200 bg-emerald-50 text-emerald-900',
  error: 'border-red-200 bg-red-50 text-red-900',
};

/** Holds the toast stack; `useToast()` anywhere below shows one. Errors stay until dismissed. */
export function ToastProvider({ children }: { children: ReactNode }) {
  const [toasts, setToasts] = useState<Toast[]>([]);
  const nextId = useRef(1);
  const dismiss = useCallback((id: number) => setToasts((list) => list.filter((toast) => toast.id !== id)), []);
  const show = useCallback(
    (message: string, tone: ToastTone = 'info') => {
      const id = nextId.current++;
      setToasts((list) => [...list.slice(-4), { id, tone, message }]);
      if (tone !== 'error') setTimeout(() => dismiss(id), toastLifetimeMs);
    },
    [dismiss],
  );
  const api = useMemo<ToastApi>(
    () => ({ show, error: (message) => show(message, 'error'), success: (message) => show(message, 'success') }),
    [show],
  );
  return (
    <ToastContext.Provider value={api}>
      {children}
      <div className="pointer-events-none fixed right-4 bottom-4 z-50 flex w-96 flex-col gap-2" aria-live="polite">
        {toasts.map((toast) => (
          <div
            key={toast.id}
            role={toast.tone === 'error' ? 'alert' : 'status'}
            data-testid={`toast-${toast.tone}`}
            className={`pointer-events-auto flex items-start gap-2 rounded-md border px-3 py-2 text-sm shadow-md ${toneClasses[toast.tone]}`}
          >
            <span className="flex-1 break-words">{toast.message}</span>
            <button type="button" aria-label="Dismiss" className="text-xs opacity-60 hover:opacity-100" onClick={() => dismiss(toast.id)}>
              ✕
            </button>
          </div>
        ))}
      </div>
    </ToastContext.Provider>
  );
}

export function useToast(): ToastApi {
  const api = useContext(ToastContext);
  if (!api) throw new Error('useToast() needs <ToastProvider> above it (apps/web/src/app/providers.tsx provides one).');
  return api;
}
