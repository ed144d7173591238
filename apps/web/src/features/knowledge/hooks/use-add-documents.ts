'use client';
import { useMutation, useQueryClient } from '@tanstack/react-query';
import { describeError } from '../../../lib/describe-error';
import { useToast } from '../../../ui';
import { knowledgeKeys, useKnowledgeApi, type DocumentView } from '../knowledge-api';
import { fileToBase64 } from '../model/bytes-to-base64';

/** Upload files (one after the other) or add pasted text; each new document shows in the table at once. */
export function useAddDocuments(knowledgeBaseId: string) {
  const api = useKnowledgeApi();
  const queryClient = useQueryClient();
  const toast = useToast();
  const key = knowledgeKeys.documents(knowledgeBaseId);
  const show = (document: DocumentView) =>
    queryClient.setQueryData<DocumentView[]>(key, (list) => [document, ...(list ?? []).filter((existing) => existing.id !== document.id)]);

  const upload = useMutation({
    mutationFn: async (files: File[]) => {
      const failed: File[] = [];
      for (const file of files) {
        try {
          show(await api.documents.upload.mutate({ knowledgeBaseId, fileName: file.name, contentBase64: await fileToBase64(file) }));
        } catch (error) {
          failed.push(file);
          toast.error(`${file.name}: ${describeError(error)}`);
        }
      }
      return { uploaded: files.length - failed.length, failed };
    },
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  const addText = useMutation({
    mutationFn: (input: { name: string; text: string }) => api.documents.createFromText.mutate({ knowledgeBaseId, ...input }),
    onSuccess: (document) => show(document),
    onSettled: () => queryClient.invalidateQueries({ queryKey: key }),
  });

  return { upload, addText };
}
