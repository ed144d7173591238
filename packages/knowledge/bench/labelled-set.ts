import { readdir, readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';

const dataDir = join(import.meta.dirname, 'data');

const questionsSchema = z.object({
  questions: z.array(
    z.object({
      id: z.string(),
      language: z.enum(['en', 'zh']),
      kind: z.enum(['paraphrase', 'exact', 'plain']),
      question: z.string().min(1),
      document: z.string().min(1),
    }),
  ),
});

export type LabelledQuestion = z.infer<typeof questionsSchema>['questions'][number];

export interface LabelledDocument {
  /** The file name without `.md`; questions name it. */
  id: string;
  text: string;
}

/** The bench's labelled set: short English and Chinese documents on distinct topics, and questions naming the document that answers each. */
export async function loadLabelledSet(): Promise<{ documents: LabelledDocument[]; questions: LabelledQuestion[] }> {
  const folder = join(dataDir, 'documents');
  const files = (await readdir(folder)).filter((file) => file.endsWith('.md')).sort();
  const documents = await Promise.all(files.map(async (file) => ({ id: basename(file, '.md'), text: await readFile(join(folder, file), 'utf8') })));
  const { questions } = questionsSchema.parse(JSON.parse(await readFile(join(dataDir, 'questions.json'), 'utf8')));
  const known = new Set(documents.map((document) => document.id));
  const orphan = questions.find((question) => !known.has(question.document));
  if (orphan !== undefined) throw new Error(`Question ${orphan.id} names document "${orphan.document}", which is not in bench/data/documents.`);
  return { documents, questions };
}
