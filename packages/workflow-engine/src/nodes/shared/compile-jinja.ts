import { Template } from '@huggingface/jinja';

/** Distinct templates kept parsed; a workflow rarely has more, and the oldest are dropped first. */
const maxCachedTemplates = 500;
const parsedTemplates = new Map<string, Template>();

/**
 * Parses a Jinja template once per distinct text (parsing costs far more than rendering).
 * Throws the parser's error for a template that does not parse.
 */
export function compileJinja(source: string): Template {
  const cached = parsedTemplates.get(source);
  if (cached !== undefined) {
    parsedTemplates.delete(source);
    parsedTemplates.set(source, cached);
    return cached;
  }
  const template = new Template(source);
  if (parsedTemplates.size >= maxCachedTemplates) {
    const oldest = parsedTemplates.keys().next();
    if (oldest.done !== true) parsedTemplates.delete(oldest.value);
  }
  parsedTemplates.set(source, template);
  return template;
}

/** How many parsed templates are cached (for tests of the bound). */
export function cachedJinjaTemplateCount(): number {
  return parsedTemplates.size;
}

/** Returns the parser's complaint about a template, or undefined when it parses. */
export function jinjaSyntaxError(source: string): string | undefined {
  try {
    compileJinja(source);
    return undefined;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
}
