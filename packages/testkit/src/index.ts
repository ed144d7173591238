export * from './services';
export * from './postgres';
