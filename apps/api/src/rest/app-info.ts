import type { StartConfig, StartVariable } from '@weft/workflow-engine/nodes';
import { sendJson } from './http-io';
import type { RestHandler } from './rest-context';

const formTypeByVariableType: Record<StartVariable['type'], string> = {
  'text-input': 'text-input',
  paragraph: 'paragraph',
  select: 'select',
  number: 'number',
  checkbox: 'checkbox',
  json: 'json_object',
  file: 'file',
  'file-list': 'file-list',
};

/** Dify's `user_input_form` item for one start variable: `{ [type]: { label, variable, required, … } }`. */
function formItem(variable: StartVariable) {
  const type = formTypeByVariableType[variable.type];
  return {
    [type]: {
      label: variable.label ?? variable.variable,
      variable: variable.variable,
      required: variable.required,
      default: variable.default ?? '',
      ...(variable.maxLength !== undefined ? { max_length: variable.maxLength } : {}),
      ...(variable.options ? { options: variable.options } : {}),
    },
  };
}

/** `GET /v1/parameters`: the published start node's inputs as Dify's form, plus the feature switches Dify clients read. */
export const getParameters: RestHandler = async ({ runs, services, key, response }) => {
  const { plan } = await runs.plans.published(key.app);
  const start = plan.nodes[plan.startNode]!.config as StartConfig;
  const megabytes = Math.floor(services.env.WEFT_MAX_UPLOAD_BYTES / 1_048_576);
  sendJson(response, 200, {
    opening_statement: '',
    suggested_questions: [],
    suggested_questions_after_answer: { enabled: false },
    speech_to_text: { enabled: false },
    text_to_speech: { enabled: false, voice: '', language: '' },
    retriever_resource: { enabled: true },
    annotation_reply: { enabled: false },
    more_like_this: { enabled: false },
    sensitive_word_avoidance: { enabled: false },
    user_input_form: start.variables.map(formItem),
    file_upload: { image: { enabled: false, number_limits: 3, detail: 'high', transfer_methods: ['remote_url', 'local_file'] } },
    system_parameters: {
      file_size_limit: megabytes,
      image_file_size_limit: megabytes,
      audio_file_size_limit: megabytes,
      video_file_size_limit: megabytes,
      workflow_file_upload_limit: 10,
    },
  });
};

/** `GET /v1/info`: the app's name, description and Dify mode. */
export const getInfo: RestHandler = async ({ key, response }) => {
  const { app } = key;
  sendJson(response, 200, {
    name: app.name,
    description: app.description,
    tags: [],
    mode: app.mode === 'chatflow' ? 'advanced-chat' : 'workflow',
    author_name: '',
  });
};
