import { TRPCError } from '@trpc/server';
import { z } from 'zod';
import { KnowledgeError } from '@weft/knowledge/spec';
import { fromKnowledgeError } from '../../errors';
import { requireKnowledgeAccess } from '../../knowledge/knowledge-access';
import type { MembershipRole } from '../../services/members-access';
import { entityIdSchema } from '../../services/members-access';
import { middleware } from '../init';
import { authedProcedure } from '../procedures';

/** Knowledge package failures (KnowledgeError) become AppErrors, which the edge maps to HTTP once (errors.ts). */
const knowledgeErrors = middleware(async ({ next }) => {
  const result = await next();
  if (!result.ok && result.error.cause instanceof KnowledgeError) {
    return { ...result, error: new TRPCError({ code: 'INTERNAL_SERVER_ERROR', cause: fromKnowledgeError(result.error.cause) }) };
  }
  return result;
});

/**
 * Input `{ knowledgeBaseId }` plus whatever the procedure adds; the caller must be a member of the knowledge base's
 * workspace with at least `minRole`. Adds `ctx.access` ({ userId, workspaceId, role, knowledgeBaseId }).
 */
export function knowledgeBaseProcedure(minRole: MembershipRole) {
  return authedProcedure
    .use(knowledgeErrors)
    .input(z.object({ knowledgeBaseId: entityIdSchema }))
    .use(async ({ ctx, input, next }) => {
      const access = await requireKnowledgeAccess(ctx.services.prisma, ctx.user.id, input.knowledgeBaseId, minRole);
      return next({ ctx: { access } });
    });
}
