/** Debian Chromium with real WebGPU (SwiftShader), a fresh profile per launch, and console capture. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { CHROMIUM } from '../../support/chromium.mjs';

export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--no-sandbox',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  // Tests never reach the internet: every other host fails name resolution at once (as offline would),
  // instead of hanging until this sandbox's network times out.
  '--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1, EXCLUDE localhost',
];

export interface Browser {
  readonly context: BrowserContext;
  readonly page: Page;
  /** Console errors and uncaught exceptions seen so far, from the page and its workers. */
  readonly errors: string[];
  readonly console: string[];
  close(): Promise<void>;
}

export interface LaunchOptions {
  /**
   * false: Chromium without --enable-unsafe-webgpu. Then, as in Chrome on most Linux desktops, `navigator.gpu`
   * exists but offers no adapter, so the app meets a browser that cannot run a model.
   */
  readonly webgpu?: boolean;
  /** The browser's language (navigator.languages, Accept-Language); Playwright's default is en-US. */
  readonly locale?: string;
  /** prefers-color-scheme as the page sees it. */
  readonly colorScheme?: 'light' | 'dark';
  /** Viewport width in CSS pixels (default 1200; 360 for a small phone). */
  readonly width?: number;
  /**
   * 'block': no service worker registers. For tests that route requests to the page's own origin (Playwright's
   * routes do not see what a controlling service worker lets through to the network).
   */
  readonly serviceWorkers?: 'allow' | 'block';
}

export async function launch({ webgpu = true, locale, colorScheme, width = 1200, serviceWorkers = 'allow' }: LaunchOptions = {}): Promise<Browser> {
  const profile = mkdtempSync(join(tmpdir(), 'pc-e2e-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: webgpu ? CHROMIUM_ARGS : CHROMIUM_ARGS.filter((arg) => arg !== '--enable-unsafe-webgpu'),
    viewport: { width, height: width < 600 ? 740 : 900 },
    ...(locale ? { locale } : {}),
    ...(colorScheme ? { colorScheme } : {}),
    serviceWorkers,
  });
  const errors: string[] = [];
  const console: string[] = [];
  const watch = (page: Page) => {
    page.on('console', (msg) => {
      console.push(`${msg.type()}: ${msg.text()}`);
      if (msg.type() === 'error') errors.push(msg.text());
    });
    page.on('pageerror', (err) => errors.push(`pageerror: ${err.message}`));
  };
  context.on('page', watch);
  const page = context.pages()[0] ?? (await context.newPage());
  watch(page);
  return {
    context,
    page,
    errors,
    console,
    async close() {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}
