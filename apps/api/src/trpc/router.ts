import { router } from './init';
import { apiKeysRouter } from './routers/api-keys-router';
import { appsRouter } from './routers/apps-router';
import { authRouter } from './routers/auth-router';
import { draftsRouter } from './routers/drafts-router';
import { knowledgeRouter } from './routers/knowledge-router';
import { membersRouter } from './routers/members-router';
import { providersRouter } from './routers/providers-router';
import { runsRouter } from './routers/runs-router';
import { versionsRouter } from './routers/versions-router';
import { workspacesRouter } from './routers/workspaces-router';

/** The builder's API, mounted at /trpc. */
export const appRouter = router({
  auth: authRouter,
  workspaces: workspacesRouter,
  members: membersRouter,
  apps: appsRouter,
  drafts: draftsRouter,
  versions: versionsRouter,
  providers: providersRouter,
  apiKeys: apiKeysRouter,
  runs: runsRouter,
  knowledge: knowledgeRouter,
});

export type AppRouter = typeof appRouter;
