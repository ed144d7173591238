import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  // Workspace packages ship TypeScript sources (no build step): Next must compile them like app code.
  transpilePackages: ['@weft/workflow-engine', '@weft/llm-gateway', '@weft/knowledge'],
  // The root `npm run typecheck` checks apps/web with the rest of the monorepo; skipping it here keeps
  // `next build` (run by `npm start` when the build is stale) fast on small machines.
  typescript: { ignoreBuildErrors: true },
  poweredByHeader: false,
  reactStrictMode: true,
};

export default nextConfig;
