import { z } from 'zod';
import { AppError } from '../errors';
import { entityIdSchema, requireAppAccess, requireWorkspaceAccess, type MembershipRole } from '../services/members-access';
import { baseProcedure } from './init';

/** No session needed (setup, sign-in, me). */
export const publicProcedure = baseProcedure;

/** A valid session; adds `ctx.user` and `ctx.sessionId`. */
export const authedProcedure = baseProcedure.use(async ({ ctx, next }) => {
  const session = await ctx.getSession();
  if (!session) {
    throw new AppError('unauthorized', 'You are not signed in, or your session expired. Sign in and try again.');
  }
  return next({ ctx: { user: session.user, sessionId: session.sessionId } });
});

/**
 * Input `{ workspaceId }` plus whatever the procedure adds; the caller must be a member with at least `minRole`.
 * Adds `ctx.access` ({ userId, workspaceId, role }).
 */
export function workspaceProcedure(minRole: MembershipRole) {
  return authedProcedure.input(z.object({ workspaceId: entityIdSchema })).use(async ({ ctx, input, next }) => {
    const access = await requireWorkspaceAccess(ctx.services.prisma, ctx.user.id, input.workspaceId, minRole);
    return next({ ctx: { access } });
  });
}

/**
 * Input `{ appId }` plus whatever the procedure adds; the caller must be a member of the app's workspace with at
 * least `minRole`. Adds `ctx.access` ({ userId, workspaceId, role, appId, appMode }).
 */
export function appProcedure(minRole: MembershipRole) {
  return authedProcedure.input(z.object({ appId: entityIdSchema })).use(async ({ ctx, input, next }) => {
    const access = await requireAppAccess(ctx.services.prisma, ctx.user.id, input.appId, minRole);
    return next({ ctx: { access } });
  });
}
