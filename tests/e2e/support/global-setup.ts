/**
 * Builds the app twice (production, and the test build with the scripted engine) and serves both on
 * 127.0.0.1, a secure context where WebGPU and Cache Storage work. Tests read the URLs with inject().
 */
import { preview, type PreviewServer } from 'vite';
import { buildLikeProduction } from '../../support/production-build';
import type { TestProject } from 'vitest/node';
import { requireChromium } from '../../support/chromium.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    appUrl: string;
    fakeAppUrl: string;
  }
}

async function buildAndServe(mode: 'production' | 'e2e-fake'): Promise<PreviewServer> {
  await buildLikeProduction({ mode, logLevel: 'warn' });
  return preview({ mode, logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
}

function urlOf(server: PreviewServer): string {
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  return url;
}

export default async function setup(project: TestProject) {
  console.log(`browser: ${requireChromium()}`);
  const app = await buildAndServe('production');
  const fake = await buildAndServe('e2e-fake');
  project.provide('appUrl', urlOf(app));
  project.provide('fakeAppUrl', urlOf(fake));
  return async () => {
    await Promise.all([app.close(), fake.close()]);
  };
}
