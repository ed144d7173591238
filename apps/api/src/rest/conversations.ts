import type { Conversation } from '@weft/db';
import { AppError } from '../errors';
import { difyUsage, retrieverResources } from './dify-shapes';
import { parseWith, queryOf, readJson, sendJson, unixSeconds } from './http-io';
import { conversationsQuerySchema, deleteConversationSchema, feedbackSchema, messagesQuerySchema, renameSchema } from './request-schemas';
import { requireMode } from './run-endpoints';
import type { RestContext, RestHandler } from './rest-context';

const conversationNotFound = (id: string) =>
  new AppError('conversation_not_exists', `Conversation "${id}" does not exist for this app and user. Pass the "user" that started it, and an id from GET /v1/conversations.`);

function conversationJson(conversation: Pick<Conversation, 'id' | 'name' | 'inputs' | 'createdAt' | 'updatedAt'>) {
  return {
    id: conversation.id,
    name: conversation.name,
    inputs: conversation.inputs,
    status: 'normal',
    introduction: '',
    created_at: unixSeconds(conversation.createdAt),
    updated_at: unixSeconds(conversation.updatedAt),
  };
}

/** Reads see the turns this process answered a moment ago: their traces are written in batches. */
async function chatRead(context: RestContext): Promise<void> {
  requireMode(context, 'chatflow');
  await context.runs.flush();
}

/** `GET /v1/conversations?user=…&last_id=…&limit=…&sort_by=…`: the user's conversations with this app. */
export const listConversations: RestHandler = async (context) => {
  const query = parseWith(conversationsQuerySchema, queryOf(context.url), 'query');
  await chatRead(context);
  const field = query.sort_by.replace('-', '') as 'created_at' | 'updated_at';
  const column = field === 'created_at' ? 'createdAt' : 'updatedAt';
  const direction = query.sort_by.startsWith('-') ? 'desc' : 'asc';
  const where = { appId: context.key.app.id, endUser: query.user, deletedAt: null };
  if (query.last_id !== undefined && (await context.services.prisma.conversation.count({ where: { ...where, id: query.last_id } })) === 0) {
    throw new AppError('not_found', `Last conversation "${query.last_id}" does not exist. Pass the id of the last conversation of the previous page as last_id.`);
  }
  const rows = await context.services.prisma.conversation.findMany({
    where,
    orderBy: [{ [column]: direction }, { id: direction }],
    ...(query.last_id !== undefined ? { cursor: { id: query.last_id }, skip: 1 } : {}),
    take: query.limit + 1,
  });
  sendJson(context.response, 200, { limit: query.limit, has_more: rows.length > query.limit, data: rows.slice(0, query.limit).map(conversationJson) });
};

/** `DELETE /v1/conversations/:conversationId` with `{ user }`. */
export const deleteConversation: RestHandler = async (context) => {
  const body = parseWith(deleteConversationSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  await chatRead(context);
  const id = context.params.conversationId!;
  const { count } = await context.services.prisma.conversation.updateMany({
    where: { id, appId: context.key.app.id, endUser: body.user, deletedAt: null },
    data: { deletedAt: new Date() },
  });
  if (count === 0) throw conversationNotFound(id);
  context.runs.conversations.forget(id);
  context.response.writeHead(204).end();
};

/** `POST /v1/conversations/:conversationId/name` with `{ name }` or `{ auto_generate: true }`, and `user`. */
export const renameConversation: RestHandler = async (context) => {
  const body = parseWith(renameSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  await chatRead(context);
  const { prisma } = context.services;
  const id = context.params.conversationId!;
  const where = { id, appId: context.key.app.id, endUser: body.user, deletedAt: null };
  let name = body.name ?? '';
  if (body.auto_generate) {
    const first = await prisma.message.findFirst({ where: { conversationId: id, conversation: where }, orderBy: { createdAt: 'asc' }, select: { query: true } });
    const line = first?.query.trim().split('\n')[0] ?? '';
    name = line.length > 40 ? `${line.slice(0, 40)}…` : line || 'New conversation';
  }
  const { count } = await prisma.conversation.updateMany({ where, data: { name } });
  if (count === 0) throw conversationNotFound(id);
  sendJson(context.response, 200, conversationJson(await prisma.conversation.findUniqueOrThrow({ where: { id } })));
};

/** `GET /v1/messages?conversation_id=…&user=…&first_id=…&limit=…`: newest page first, each page oldest first (Dify's scroll-up order). */
export const listMessages: RestHandler = async (context) => {
  const query = parseWith(messagesQuerySchema, queryOf(context.url), 'query');
  await chatRead(context);
  const { prisma } = context.services;
  const conversation = await prisma.conversation.findFirst({
    where: { id: query.conversation_id, appId: context.key.app.id, endUser: query.user, deletedAt: null },
    select: { id: true },
  });
  if (!conversation) throw conversationNotFound(query.conversation_id);
  let before: { createdAt: Date; id: string } | undefined;
  if (query.first_id !== undefined) {
    const first = await prisma.message.findFirst({ where: { id: query.first_id, conversationId: conversation.id }, select: { createdAt: true, id: true } });
    if (!first) throw new AppError('not_found', `First message "${query.first_id}" does not exist in this conversation. Pass the id of the oldest message you have as first_id.`);
    before = first;
  }
  const rows = await prisma.message.findMany({
    where: {
      conversationId: conversation.id,
      ...(before ? { OR: [{ createdAt: { lt: before.createdAt } }, { createdAt: before.createdAt, id: { lt: before.id } }] } : {}),
    },
    orderBy: [{ createdAt: 'desc' }, { id: 'desc' }],
    take: query.limit + 1,
  });
  const page = rows.slice(0, query.limit).reverse();
  sendJson(context.response, 200, {
    limit: query.limit,
    has_more: rows.length > query.limit,
    data: page.map((message) => {
      const usage = message.usage as { inputTokens?: number; outputTokens?: number; elapsedMs?: number };
      return {
        id: message.id,
        conversation_id: message.conversationId,
        parent_message_id: null,
        inputs: message.inputs,
        query: message.query,
        answer: message.answer,
        message_files: [],
        feedback: message.feedback ? { rating: message.feedback } : null,
        retriever_resources: retrieverResources(Array.isArray(message.retrievalSources) ? message.retrievalSources : []),
        agent_thoughts: [],
        metadata: { usage: difyUsage({ inputTokens: usage.inputTokens ?? 0, outputTokens: usage.outputTokens ?? 0 }, usage.elapsedMs ?? 0) },
        status: 'normal',
        error: null,
        created_at: unixSeconds(message.createdAt),
      };
    }),
  });
};

/** `POST /v1/messages/:messageId/feedbacks` with `{ rating: like | dislike | null, user, content? }`. */
export const postFeedback: RestHandler = async (context) => {
  const body = parseWith(feedbackSchema, await readJson(context.request, context.services.env.WEFT_MAX_BODY_BYTES));
  await chatRead(context);
  const id = context.params.messageId!;
  const { count } = await context.services.prisma.message.updateMany({
    where: { id, conversation: { appId: context.key.app.id, endUser: body.user, deletedAt: null } },
    data: { feedback: body.rating, feedbackContent: body.rating === null ? null : (body.content ?? null) },
  });
  if (count === 0) throw new AppError('not_found', `Message "${id}" does not exist for this app and user. Use a message_id this user received.`);
  sendJson(context.response, 200, { result: 'success' });
};
