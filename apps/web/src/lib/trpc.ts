import { createTRPCClient, httpBatchLink, httpSubscriptionLink, splitLink, type TRPCClient } from '@trpc/client';
import { createTRPCContext } from '@trpc/tanstack-react-query';
import type { inferRouterInputs, inferRouterOutputs } from '@trpc/server';
import type { AppRouter } from '@weft/api/src/trpc/router';

export type { AppRouter };
/** Inputs and outputs of every builder procedure, as the browser sees them (JSON: dates arrive as strings). */
export type RouterInputs = inferRouterInputs<AppRouter>;
export type RouterOutputs = inferRouterOutputs<AppRouter>;

/** `TRPCProvider` (in providers.tsx), `useTRPC()` for query/mutation/subscription options, `useTRPCClient()`. */
export const { TRPCProvider, useTRPC, useTRPCClient } = createTRPCContext<AppRouter>();

/** Same origin as the page: the API server serves the builder, so the session cookie rides along. */
export const trpcPath = '/trpc';

function trpcUrl(): string {
  // During prerender there is no origin; the builder's pages only query from the browser, never on the server.
  return typeof window === 'undefined' ? `http://127.0.0.1${trpcPath}` : `${window.location.origin}${trpcPath}`;
}

/**
 * Queries and mutations are batched over HTTP; subscriptions (debug runs, document progress) stream over SSE.
 * Cookies are same-origin, so no credentials option is needed.
 */
export function createWeftTrpcClient(): TRPCClient<AppRouter> {
  const url = trpcUrl();
  return createTRPCClient<AppRouter>({
    links: [
      splitLink({
        condition: (operation) => operation.type === 'subscription',
        true: httpSubscriptionLink({ url }),
        false: httpBatchLink({ url }),
      }),
    ],
  });
}
