'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../../lib/describe-error';
import { useTRPC, useTRPCClient } from '../../../lib/trpc';
import { useToast } from '../../../ui';
import type { DocumentView } from '../knowledge-types';
import { fileToBase64 } from '../model/bytes-to-base64';

/** Upload files (one after the other) or add pasted text; each new document shows in the table at once. */
export function useAddDocuments(knowledgeBaseId: string) {
  const trpc = useTRPC();
  const client = useTRPCClient();
  const queryClient = useQueryClient();
  const toast = useToast();
  const queryKey = trpc.knowledge.documents.list.queryKey({ knowledgeBaseId });
  const show = (document: DocumentView) => queryClient.setQueryData<DocumentView[]>(queryKey, (list) => [document, ...(list ?? []).filter((existing) => existing.id !== document.id)]);
  const refresh = () => Promise.all([queryClient.invalidateQueries({ queryKey }), queryClient.invalidateQueries(trpc.knowledge.list.pathFilter())]);

  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const failed: File[] = [];
      for (const file of files) {
        try {
          show(await client.knowledge.documents.upload.mutate({ knowledgeBaseId, fileName: file.name, contentBase64: await fileToBase64(file) }));
        } catch (error) {
          failed.push(file);
          toast.error(`${file.name}: ${describeError(error)}`);
        }
      }
      return { uploaded: files.length - failed.length, failed };
    },
    onSettled: refresh,
  });

  const addText = useMutation(trpc.knowledge.documents.createFromText.mutationOptions({ onSuccess: show, onSettled: refresh }));

  return { upload, addText };
}
