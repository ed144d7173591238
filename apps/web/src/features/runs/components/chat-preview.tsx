'use client';
import { useState, type FormEvent } from 'react';
import { Button } from '../../../ui';
import { useRunSession } from '../hooks/run-session-context';
import type { RunSessionState } from '../model/run-session';

const selectChat = (state: RunSessionState) => state.chat;
const selectRunning = (state: RunSessionState) => state.running;
const selectConversation = (state: RunSessionState) => state.conversationId;

interface ChatPreviewProps {
  onSend(query: string): void;
  onStop(): void;
  onNewConversation(): void;
}

/** The chatflow's preview chat: each message is a debug run in the same conversation, so LLM memory applies. */
export function ChatPreview({ onSend, onStop, onNewConversation }: ChatPreviewProps) {
  const chat = useRunSession(selectChat);
  const running = useRunSession(selectRunning);
  const conversationId = useRunSession(selectConversation);
  const [draft, setDraft] = useState('');
  const submit = (event: FormEvent) => {
    event.preventDefault();
    const query = draft.trim();
    if (query === '' || running) return;
    setDraft('');
    onSend(query);
  };
  return (
    <div className="flex flex-col gap-2" data-testid="chat-preview" data-conversation-id={conversationId ?? ''}>
      <div className="flex items-center justify-between">
        <span className="text-xs text-slate-400">{conversationId ? `Conversation ${conversationId.slice(0, 8)}…` : 'New conversation'}</span>
        <Button size="sm" variant="ghost" onClick={onNewConversation} data-testid="chat-new">
          ↺ New
        </Button>
      </div>
      <ol className="flex max-h-96 flex-col gap-2 overflow-auto">
        {chat.map((turn, index) => (
          <li key={index} className="flex flex-col gap-1">
            <p className="self-end rounded-lg bg-brand-600 px-3 py-1.5 text-sm text-white" data-testid="chat-message-user">
              {turn.query}
            </p>
            <p className="self-start whitespace-pre-wrap rounded-lg bg-slate-100 px-3 py-1.5 text-sm text-slate-800" data-testid="chat-message-assistant" data-status={turn.status}>
              {turn.answer || (turn.status === 'running' ? '…' : '')}
            </p>
          </li>
        ))}
      </ol>
      <form className="flex gap-2" onSubmit={submit}>
        <input
          className="flex-1 rounded border border-slate-300 px-2 py-1 text-sm focus:border-brand-500 focus:outline-none"
          placeholder="Send a message to test the app"
          value={draft}
          data-testid="chat-input"
          onChange={(event) => setDraft(event.target.value)}
        />
        {running ? (
          <Button size="sm" variant="secondary" onClick={onStop} data-testid="run-stop">
            Stop
          </Button>
        ) : (
          <Button type="submit" size="sm" data-testid="chat-send">
            Send
          </Button>
        )}
      </form>
    </div>
  );
}
