/**
 * The Chinese UI: a chunk of its own, loaded only when the UI speaks Chinese. Its start-up messages are here;
 * the words of each part that loads later are chunks of their own too, loaded with that part.
 */
import type { OtherLocaleMessages } from '../index';
import { zhCN as a11y } from './a11y';
import { zhCN as app } from './app';
import { zhCN as chat } from './chat';
import { zhCN as errors } from './errors';
import { zhCN as models } from './models';
import { zhCN as shell } from './shell';
import { zhCN as sidebar } from './sidebar';

export const ZH_CN: OtherLocaleMessages = {
  start: { ...a11y, ...app, ...chat, ...errors, ...models, ...shell, ...sidebar },
  later: {
    'chat-settings': async () => (await import('./chat-settings')).zhCN,
    'chat-cards': async () => (await import('./chat-cards')).zhCN,
    'model-manager': async () => (await import('./model-manager')).zhCN,
    privacy: async () => (await import('./privacy')).zhCN,
    shortcuts: async () => (await import('./shortcuts')).zhCN,
  },
};
