import { ChatClient } from 'dify-client';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startModelTestServer } from '@weft/model-test-server';
import { runServiceForPlatform } from '../runtime/run-service-for-platform';
import { chatGraph, seedApp, seedWorkspace, type SeededApp } from '../runtime/test-support/seed-apps';
import { startTestServer, type RunningTestServer } from '../test-support/http';
import { describeBothDatabases } from '../test-support/test-services';

const modelServer = await startModelTestServer();
afterAll(() => modelServer.close());

type Json = Record<string, any>;
/** dify-client types `rating` as a number; Dify's API takes "like" | "dislike" | null. */
const rating = (value: string | null) => value as unknown as number;

/** The status and body of a dify-client call that is expected to fail. */
async function failure(call: Promise<unknown>): Promise<{ status: number; body: Json }> {
  const error = (await call.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (caught: unknown) => caught,
  )) as { response?: { status: number; data: Json } };
  if (!error.response) throw error as Error;
  return { status: error.response.status, body: error.response.data };
}

describeBothDatabases(
  'conversations, messages and feedback over HTTP with dify-client',
  ({ services }) => {
    let server: RunningTestServer;
    let appA: SeededApp;
    let appB: SeededApp;
    let clientA: ChatClient;
    let clientB: ChatClient;
    let conversationId: string;
    const messageIds: string[] = [];

    beforeAll(async () => {
      const { prisma, secrets } = services();
      const workspaceId = await seedWorkspace(prisma, secrets, modelServer.url);
      appA = await seedApp(prisma, workspaceId, { mode: 'chatflow', graph: chatGraph(), name: 'App A' });
      appB = await seedApp(prisma, await seedWorkspace(prisma, secrets, modelServer.url, { name: 'Other tenant' }), { mode: 'chatflow', graph: chatGraph(), name: 'App B' });
      server = await startTestServer(services());
      clientA = new ChatClient(appA.apiKey, `${server.url}/v1`);
      clientB = new ChatClient(appB.apiKey, `${server.url}/v1`);
      for (const query of ['first question', 'second question', 'third question']) {
        const answer = (await clientA.createChatMessage({}, query, 'ann', false, conversationId)).data as Json;
        conversationId = answer.conversation_id;
        messageIds.push(answer.message_id);
      }
      await clientA.createChatMessage({}, 'another thread', 'ann');
      await clientA.createChatMessage({}, 'not ann', 'ben');
    });
    afterAll(() => server?.close());

    it('lists the user\'s conversations, newest first, with cursor pagination', async () => {
      const all = (await clientA.getConversations('ann')).data as Json;
      expect(all).toMatchObject({ limit: 20, has_more: false });
      expect(all.data.map((conversation: Json) => conversation.name)).toEqual(['another thread', 'first question']);
      expect(all.data[1]).toMatchObject({ id: conversationId, status: 'normal', inputs: {}, created_at: expect.any(Number), updated_at: expect.any(Number) });
      const page = (await clientA.getConversations('ann', null, 1)).data as Json;
      expect(page).toMatchObject({ limit: 1, has_more: true });
      const next = (await clientA.getConversations('ann', page.data[0].id, 1)).data as Json;
      expect(next).toMatchObject({ has_more: false, data: [{ id: conversationId }] });
      expect(((await clientA.getConversations('nobody')).data as Json).data).toEqual([]);
      expect(((await clientB.getConversations('ann')).data as Json).data).toEqual([]);
    });

    it('lists messages oldest first within a page, newest page first, with first_id paging back', async () => {
      const all = (await clientA.getConversationMessages('ann', conversationId)).data as Json;
      expect(all.has_more).toBe(false);
      expect(all.data.map((message: Json) => message.query)).toEqual(['first question', 'second question', 'third question']);
      expect(all.data[0]).toMatchObject({ id: messageIds[0], conversation_id: conversationId, answer: expect.stringContaining('first question'), feedback: null, retriever_resources: [] });
      const latest = (await clientA.getConversationMessages('ann', conversationId, null, 2)).data as Json;
      expect(latest).toMatchObject({ limit: 2, has_more: true });
      expect(latest.data.map((message: Json) => message.id)).toEqual(messageIds.slice(1));
      const older = (await clientA.getConversationMessages('ann', conversationId, latest.data[0].id, 2)).data as Json;
      expect(older).toMatchObject({ has_more: false, data: [{ id: messageIds[0] }] });
    });

    it('records like, dislike and revoked feedback on the user\'s own messages only', async () => {
      expect((await clientA.messageFeedback(messageIds[0]!, rating('like'), 'ann')).data).toEqual({ result: 'success' });
      await clientA.sendRequest('POST', `/messages/${messageIds[1]}/feedbacks`, { rating: 'dislike', user: 'ann', content: 'too short' });
      let messages = ((await clientA.getConversationMessages('ann', conversationId)).data as Json).data as Json[];
      expect(messages.map((message) => message.feedback)).toEqual([{ rating: 'like' }, { rating: 'dislike' }, null]);
      await clientA.messageFeedback(messageIds[0]!, rating(null), 'ann');
      messages = ((await clientA.getConversationMessages('ann', conversationId)).data as Json).data as Json[];
      expect(messages[0]?.feedback).toBeNull();
      expect((await services().prisma.message.findUniqueOrThrow({ where: { id: messageIds[1]! } })).feedbackContent).toBe('too short');

      expect(await failure(clientA.messageFeedback(messageIds[0]!, rating('like'), 'ben'))).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect(await failure(clientB.messageFeedback(messageIds[0]!, rating('like'), 'ann'))).toMatchObject({ status: 404, body: { code: 'not_found' } });
      expect(await failure(clientA.messageFeedback(messageIds[0]!, rating('love'), 'ann'))).toMatchObject({ status: 400, body: { code: 'invalid_param' } });
    });

    it('keeps app A\'s conversation away from app B\'s key and from other users', async () => {
      expect(await failure(clientB.getConversationMessages('ann', conversationId))).toMatchObject({ status: 404, body: { code: 'conversation_not_exists' } });
      expect(await failure(clientA.getConversationMessages('ben', conversationId))).toMatchObject({ status: 404, body: { code: 'conversation_not_exists' } });
      expect(await failure(clientB.createChatMessage({}, 'sneaky', 'ann', false, conversationId))).toMatchObject({ status: 404, body: { code: 'conversation_not_exists' } });
      expect(await failure(clientB.renameConversation(conversationId, 'mine now', 'ann'))).toMatchObject({ status: 404 });
      expect(await failure(clientB.deleteConversation(conversationId, 'ann'))).toMatchObject({ status: 404 });
      expect(await failure(clientA.getConversationMessages('ann', ''))).toMatchObject({ status: 400, body: { code: 'invalid_param' } });
    });

    it('renames (given or generated) and deletes a conversation, after which it cannot be continued', async () => {
      const renamed = (await clientA.renameConversation(conversationId, 'Planning', 'ann')).data as Json;
      expect(renamed).toMatchObject({ id: conversationId, name: 'Planning' });
      const generated = (await clientA.sendRequest('POST', `/conversations/${conversationId}/name`, { auto_generate: true, user: 'ann' })).data as Json;
      expect(generated.name).toBe('first question');
      expect(await failure(clientA.renameConversation(conversationId, '', 'ann'))).toMatchObject({ status: 400, body: { code: 'invalid_param' } });

      const deleted = await clientA.deleteConversation(conversationId, 'ann');
      expect(deleted.status).toBe(204);
      expect(((await clientA.getConversations('ann')).data as Json).data.map((conversation: Json) => conversation.id)).not.toContain(conversationId);
      expect(await failure(clientA.createChatMessage({}, 'still there?', 'ann', false, conversationId))).toMatchObject({ status: 404, body: { code: 'conversation_not_exists' } });
      expect(await failure(clientA.deleteConversation(conversationId, 'ann'))).toMatchObject({ status: 404 });
    });
  },
  { modelServer, createRunService: runServiceForPlatform },
);
