import type { AppServices } from '../services/app-services';

/** What the knowledge use cases need from the app's services. */
export type KnowledgeContext = Pick<AppServices, 'prisma' | 'knowledge' | 'dataDir' | 'env' | 'logger'>;
