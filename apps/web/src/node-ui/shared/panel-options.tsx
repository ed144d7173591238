'use client';
import { createContext, useContext } from 'react';
import type { AppMode } from '../node-ui-types';

/** Workspace facts panels offer as choices; the editor screen loads them through the API. */
export interface PanelOptions {
  appMode: AppMode;
  /** Configured model providers (the `<name>:` of model ids). */
  providerNames: string[];
  /** Knowledge bases of the workspace; undefined while unknown (ids can still be typed). */
  knowledgeBases: { id: string; name: string }[] | undefined;
}

const PanelOptionsContext = createContext<PanelOptions>({ appMode: 'workflow', providerNames: [], knowledgeBases: undefined });

export const PanelOptionsProvider = PanelOptionsContext.Provider;

export function usePanelOptions(): PanelOptions {
  return useContext(PanelOptionsContext);
}
