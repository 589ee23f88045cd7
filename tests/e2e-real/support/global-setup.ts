/**
 * The real-engine tier: builds the app with WebLLM 0.2.79 (mode "e2e-real"), serves it on 127.0.0.1, and
 * writes the synthetic model host. The model server itself runs in the test file, which steers it.
 */
import { preview } from 'vite';
import { buildLikeProduction } from '../../support/production-build';
import type { TestProject } from 'vitest/node';
import { requireChromium } from '../../support/chromium.mjs';
import { prepareModelHost } from './real-model';

declare module 'vitest' {
  export interface ProvidedContext {
    realAppUrl: string;
    realHostRoot: string;
  }
}

export default async function setup(project: TestProject) {
  console.log(`browser: ${requireChromium()}`);
  const hostRoot = prepareModelHost(process.cwd());
  await buildLikeProduction({ mode: 'e2e-real', logLevel: 'warn' });
  const server = await preview({ mode: 'e2e-real', logLevel: 'warn', preview: { host: '127.0.0.1', port: 0, strictPort: false } });
  const url = server.resolvedUrls?.local[0];
  if (!url) throw new Error('preview server has no URL');
  project.provide('realAppUrl', url);
  project.provide('realHostRoot', hostRoot);
  return () => server.close();
}
