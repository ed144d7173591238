'use client';

import { useEffect, useState } from 'react';
import { Button, type ButtonProps } from './button';

export interface CopyButtonProps extends Omit<ButtonProps, 'onClick'> {
  text: string;
  label?: string;
}

/** Copies `text` to the clipboard; says "Copied" for a moment. Falls back to a hidden textarea without the API. */
export function CopyButton({ text, label = 'Copy', variant = 'secondary', size = 'sm', ...rest }: CopyButtonProps) {
  const [copied, setCopied] = useState(false);
  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(false), 1500);
    return () => clearTimeout(timer);
  }, [copied]);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
    } catch {
      // Insecure origins (plain http on a LAN address) have no clipboard API.
      const area = document.createElement('textarea');
      area.value = text;
      document.body.append(area);
      area.select();
      document.execCommand('copy');
      area.remove();
    }
    setCopied(true);
  };
  return (
    <Button variant={variant} size={size} onClick={() => void copy()} {...rest}>
      {copied ? 'Copied' : label}
    </Button>
  );
}
