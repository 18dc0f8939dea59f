// Entry of the self-contained bundles: registers the tags and exposes the API.
import './define.js';
export * from './index.js';
