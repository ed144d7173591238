export { ApiAccessPage } from './api-access-page';
export { buildSnippets, exampleInputs, restEndpoint, shellQuote, type Snippet, type SnippetContext } from './snippets';
