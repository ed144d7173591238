import { getMe, getSetupStatus, setUp, setupInputSchema, signIn, signInInputSchema, signOut } from '../../services/auth-service';
import { router } from '../init';
import { publicProcedure } from '../procedures';

/** Sign-up of the first user, sign-in/out with an httpOnly session cookie, and who am I. */
export const authRouter = router({
  /** `needsSetup` is true until the first user signs up. */
  status: publicProcedure.query(({ ctx }) => getSetupStatus(ctx.services)),
  setup: publicProcedure.input(setupInputSchema).mutation(async ({ ctx, input }) => {
    const { session, ...result } = await setUp(ctx.services, input);
    ctx.setSessionCookie(session);
    return result;
  }),
  signIn: publicProcedure.input(signInInputSchema).mutation(async ({ ctx, input }) => {
    const { session, user } = await signIn(ctx.services, input);
    ctx.setSessionCookie(session);
    return { user };
  }),
  /** Ends the session if there is one and clears the cookie either way. */
  signOut: publicProcedure.mutation(async ({ ctx }) => {
    await signOut(ctx.services, ctx.sessionToken);
    ctx.clearSessionCookie();
    return { ok: true as const };
  }),
  /** Null when signed out (the builder shows the sign-in page), else the user and their workspaces. */
  me: publicProcedure.query(async ({ ctx }) => {
    const session = await ctx.getSession();
    return session ? getMe(ctx.services, session.user.id) : null;
  }),
});
