import type { EmbeddingModel, LanguageModel, ModelRegistry, ProviderConfig } from './spec';
import { GatewayError, providerConfigSchema } from './spec';
import { createLocalProvider } from './providers/local/create-local-provider';
import { createOpenAIProvider } from './providers/openai/create-openai-provider';

export const defaultEmbeddingModelId = 'local:use-lite';
const implicitLocalProvider: ProviderConfig = { name: 'local', kind: 'local' };

export interface ModelRegistryOptions {
  providers: ProviderConfig[];
  /** `"provider:model"` used by `defaultEmbeddingModel()` (default `local:use-lite`). */
  defaultEmbeddingModelId?: string;
}

export interface WeftModelRegistry extends ModelRegistry {
  defaultEmbeddingModel(): EmbeddingModel;
  /** Provider names, configured order, with the implicit `local` last when it was not configured. */
  providers(): string[];
}

interface ProviderInstance {
  languageModel(modelId: string): LanguageModel;
  embeddingModel(modelId: string): EmbeddingModel;
}

function validateConfigs(configs: ProviderConfig[]): ProviderConfig[] {
  const seen = new Set<string>();
  return configs.map((config, index) => {
    const parsed = providerConfigSchema.safeParse(config);
    const label = `Provider config #${index + 1}${typeof config?.name === 'string' ? ` ("${config.name}")` : ''}`;
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || '(config)'}: ${issue.message}`).join('; ');
      throw new GatewayError({ code: 'invalid_config', message: `${label} is invalid: ${problems}. Fix these fields of the provider config.` });
    }
    if (seen.has(parsed.data.name)) {
      throw new GatewayError({ code: 'invalid_config', provider: parsed.data.name, message: `${label}: the provider name "${parsed.data.name}" is used twice. Give each provider a unique name; model ids are "<name>:<model>".` });
    }
    seen.add(parsed.data.name);
    return parsed.data;
  });
}

function instantiate(config: ProviderConfig): ProviderInstance {
  if (config.kind === 'openai') return createOpenAIProvider(config);
  const local = createLocalProvider(config);
  return {
    embeddingModel: (modelId) => local.embeddingModel(modelId),
    languageModel: (modelId) => {
      throw new GatewayError({
        code: 'unknown_model',
        provider: config.name,
        modelId,
        message: `Provider "${config.name}" is the embedded local model: it only embeds ("${config.name}:use-lite") and has no chat model "${modelId}". Configure an OpenAI-compatible provider (kind "openai") for chat.`,
      });
    },
  };
}

/**
 * Resolves `"provider:model"` ids (split on the first colon, so `ollama:llama3:8b` is model `llama3:8b`)
 * to models, created once per id. Applies no middleware. The `local` provider is always available.
 */
export function createModelRegistry(options: ModelRegistryOptions): WeftModelRegistry {
  const configs = validateConfigs(options.providers);
  if (!configs.some((config) => config.name === implicitLocalProvider.name)) configs.push(implicitLocalProvider);
  const configByName = new Map(configs.map((config) => [config.name, config]));
  const names = configs.map((config) => config.name);
  const instances = new Map<string, ProviderInstance>();
  const languageModels = new Map<string, LanguageModel>();
  const embeddingModels = new Map<string, EmbeddingModel>();

  function resolve(id: string): { instance: ProviderInstance; modelId: string } {
    const colon = id.indexOf(':');
    const providerName = colon < 0 ? '' : id.slice(0, colon);
    const modelId = colon < 0 ? '' : id.slice(colon + 1);
    if (providerName === '' || modelId === '') {
      throw new GatewayError({ code: 'unknown_model', modelId: id, message: `Unknown model "${id}": expected "provider:model"; configured: ${names.join(', ')}` });
    }
    const config = configByName.get(providerName);
    if (config === undefined) {
      throw new GatewayError({ code: 'unknown_provider', provider: providerName, modelId, message: `Unknown provider "${providerName}" in "${id}"; configured: ${names.join(', ')}` });
    }
    let instance = instances.get(providerName);
    if (instance === undefined) {
      instance = instantiate(config);
      instances.set(providerName, instance);
    }
    return { instance, modelId };
  }

  const defaultId = options.defaultEmbeddingModelId ?? defaultEmbeddingModelId;
  try {
    resolve(defaultId);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new GatewayError({ code: 'invalid_config', message: `defaultEmbeddingModelId "${defaultId}" cannot be resolved (${reason}). Set it to "<provider>:<model>" of a configured provider.`, cause: error });
  }

  const registry: WeftModelRegistry = {
    languageModel(id) {
      let model = languageModels.get(id);
      if (model === undefined) {
        const { instance, modelId } = resolve(id);
        model = instance.languageModel(modelId);
        languageModels.set(id, model);
      }
      return model;
    },
    embeddingModel(id) {
      let model = embeddingModels.get(id);
      if (model === undefined) {
        const { instance, modelId } = resolve(id);
        model = instance.embeddingModel(modelId);
        embeddingModels.set(id, model);
      }
      return model;
    },
    defaultEmbeddingModel: () => registry.embeddingModel(defaultId),
    providers: () => [...names],
  };
  return registry;
}
