export * from './services';
export * from './postgres';
export * from './bench-output';
export * from './ports';
