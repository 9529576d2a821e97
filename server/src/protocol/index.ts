// Everything a client may import: vocabulary, JSON shapes and event maps. No runtime dependencies.
export * from './vocabulary.js';
export * from './media-types.js';
export * from './types.js';
export * from './payloads.js';
export * from './events.js';
export * from './audio-settings.js';
export * from './pages.js';
export * from './campaigns.js';
