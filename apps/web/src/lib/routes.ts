/** Every page's URL in one place, so links and redirects cannot drift from the routes in src/app. */
export const routes = {
  home: '/',
  setup: '/setup',
  signIn: '/sign-in',
  apps: '/apps',
  /** The editor (canvas) of one app. */
  app: (appId: string) => `/apps/${encodeURIComponent(appId)}`,
  /** One run's trace on the canvas. */
  appRun: (appId: string, runId: string) => `/apps/${encodeURIComponent(appId)}?run=${encodeURIComponent(runId)}`,
  appRuns: (appId: string) => `/runs/${encodeURIComponent(appId)}`,
  appApiAccess: (appId: string) => `/api-access/${encodeURIComponent(appId)}`,
  knowledge: '/knowledge',
  knowledgeBase: (knowledgeBaseId: string) => `/knowledge/${encodeURIComponent(knowledgeBaseId)}`,
  providers: '/settings/providers',
  members: '/settings/members',
} as const;
