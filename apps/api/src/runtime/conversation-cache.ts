import type { PrismaClient } from '@weft/db';
import type { ChatMessage } from '@weft/llm-gateway/spec';
import { AppError } from '../errors';
import { uuidV7 } from './uuid-v7';

/** A chat conversation as a run needs it: who owns it, its fixed inputs, its recent turns. */
export interface ConversationState {
  id: string;
  appId: string;
  endUser: string;
  inputs: Record<string, unknown>;
  /** Recent turns, oldest first (what `sys.history` receives). */
  history: readonly ChatMessage[];
  /** True until the first turn's trace is stored. */
  isNew: boolean;
}

export interface ConversationCache {
  /** A new conversation (no id) or a stored one of this app and end user; AppError `conversation_not_exists` otherwise. */
  open(appId: string, endUser: string, conversationId: string | undefined, inputs: Record<string, unknown>): Promise<ConversationState>;
  /** Adds a finished turn to the cached history (the database gets it with the run's trace). */
  append(conversationId: string, query: string, answer: string): void;
  forget(conversationId: string): void;
}

export interface ConversationCacheOptions {
  prisma: PrismaClient;
  /** Messages kept for `sys.history` (a turn is two). Default 20. */
  historyMessages?: number;
  /** Conversations kept in memory, least recently used dropped first. Default 5,000. */
  maxConversations?: number;
}

/**
 * Conversations in memory with their last turns, so a chat turn reads the database only the first time this
 * process sees a conversation. Finished turns are appended here before their trace is written.
 */
export function createConversationCache(options: ConversationCacheOptions): ConversationCache {
  const { prisma } = options;
  const historyMessages = options.historyMessages ?? 20;
  const maxConversations = options.maxConversations ?? 5_000;
  const states = new Map<string, ConversationState & { history: ChatMessage[] }>();

  function keep(state: ConversationState & { history: ChatMessage[] }): void {
    states.delete(state.id);
    states.set(state.id, state);
    if (states.size > maxConversations) states.delete(states.keys().next().value!);
  }

  const notFound = (conversationId: string) =>
    new AppError(
      'conversation_not_exists',
      `Conversation "${conversationId}" does not exist for this app and user. Omit conversation_id to start a new one, or pass the same "user" that started it.`,
    );

  async function load(appId: string, endUser: string, conversationId: string): Promise<ConversationState & { history: ChatMessage[] }> {
    const row = await prisma.conversation.findFirst({
      where: { id: conversationId, appId, endUser, deletedAt: null },
      select: { id: true, inputs: true, messages: { orderBy: { createdAt: 'desc' }, take: Math.ceil(historyMessages / 2), select: { query: true, answer: true } } },
    });
    if (!row) throw notFound(conversationId);
    const history: ChatMessage[] = [];
    for (const message of row.messages.reverse()) history.push({ role: 'user', content: message.query }, { role: 'assistant', content: message.answer });
    const inputs = typeof row.inputs === 'object' && row.inputs !== null && !Array.isArray(row.inputs) ? (row.inputs as Record<string, unknown>) : {};
    return { id: row.id, appId, endUser, inputs, history: history.slice(-historyMessages), isNew: false };
  }

  return {
    async open(appId, endUser, conversationId, inputs) {
      if (conversationId === undefined) {
        const state = { id: uuidV7(), appId, endUser, inputs, history: [], isNew: true };
        keep(state);
        return state;
      }
      let state = states.get(conversationId);
      if (state && (state.appId !== appId || state.endUser !== endUser)) throw notFound(conversationId);
      state ??= await load(appId, endUser, conversationId);
      keep(state);
      return { ...state, history: [...state.history] };
    },
    append(conversationId, query, answer) {
      const state = states.get(conversationId);
      if (!state) return;
      state.isNew = false;
      state.history.push({ role: 'user', content: query }, { role: 'assistant', content: answer });
      if (state.history.length > historyMessages) state.history.splice(0, state.history.length - historyMessages);
    },
    forget: (conversationId) => void states.delete(conversationId),
  };
}
