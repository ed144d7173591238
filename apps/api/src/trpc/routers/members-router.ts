import {
  addMember,
  addMemberInputSchema,
  changeMemberRole,
  changeMemberRoleInputSchema,
  listMembers,
  removeMember,
  removeMemberInputSchema,
} from '../../services/members-service';
import { router } from '../init';
import { workspaceProcedure } from '../procedures';

export const membersRouter = router({
  list: workspaceProcedure('viewer').query(({ ctx }) => listMembers(ctx.services, ctx.access)),
  add: workspaceProcedure('admin')
    .input(addMemberInputSchema)
    .mutation(({ ctx, input }) => addMember(ctx.services, ctx.access, input)),
  changeRole: workspaceProcedure('admin')
    .input(changeMemberRoleInputSchema)
    .mutation(({ ctx, input }) => changeMemberRole(ctx.services, ctx.access, input)),
  remove: workspaceProcedure('admin')
    .input(removeMemberInputSchema)
    .mutation(({ ctx, input }) => removeMember(ctx.services, ctx.access, input)),
});
