/**
 * The gateway's contract, browser-safe: model interfaces, stream parts, typed errors, provider config.
 * Implementations live in providers/ and middleware/.
 */
export * from './language-model';
export * from './embedding-model';
export * from './errors';
export * from './registry';
