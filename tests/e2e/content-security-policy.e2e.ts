/**
 * The Content-Security-Policy holds on the production build served as `npm start` serves it, in the page and
 * in the engine worker (which takes its policy from its own script's response headers, never from the page):
 * an injected inline script does not run, a remote image does not load, and the worker cannot fetch from an
 * origin outside the list, each with a violation report.
 */
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Worker } from 'playwright-core';
import { contentSecurityPolicy } from '../../src/lib/models/content-security-policy';
import { openApp } from './support/app';
import { launch, type Browser } from './support/browser';

/** Not in the policy (only 127.0.0.1 is): a fetch there must be refused before it leaves. */
const DISALLOWED = 'http://127.0.0.2:9/blocked.png';

describe('content security policy (production build)', () => {
  let browser: Browser;
  const workerScripts = new Map<string, string | undefined>();

  beforeAll(async () => {
    browser = await launch();
    browser.page.on('response', (response) => {
      if (/\.worker[-.][\w-]*\.js$|worker.*\.js$/.test(new URL(response.url()).pathname)) workerScripts.set(response.url(), response.headers()['content-security-policy']);
    });
    await openApp(browser.page, inject('appUrl'));
  });
  afterAll(async () => browser?.close());

  it('the page and the worker script are served with the policy as a header', async () => {
    const page = await browser.page.request.get(inject('appUrl'));
    expect(page.headers()['content-security-policy']).toBe(contentSecurityPolicy());
    expect(page.headers()['x-content-type-options']).toBe('nosniff');
    await browser.page.waitForFunction(() => true);
    expect(workerScripts.size).toBeGreaterThan(0);
    for (const policy of workerScripts.values()) expect(policy).toBe(contentSecurityPolicy());
  });

  it('in the page: an injected inline script does not run and a remote image does not load, both reported', async () => {
    const result = await browser.page.evaluate(async (remote) => {
      const violations: string[] = [];
      document.addEventListener('securitypolicyviolation', (e) => violations.push(`${e.effectiveDirective} ${e.blockedURI}`));
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.body.append(script);
      const image = new Image();
      const loaded = new Promise<string>((resolve) => {
        image.onload = () => resolve('loaded');
        image.onerror = () => resolve('blocked');
      });
      image.src = remote;
      document.body.append(image);
      const outcome = await loaded;
      await new Promise((r) => setTimeout(r, 100)); // violation events are queued as tasks
      image.remove();
      script.remove();
      return { ran: (window as unknown as { __inlineRan?: boolean }).__inlineRan === true, outcome, violations };
    }, DISALLOWED);
    expect(result.ran).toBe(false);
    expect(result.outcome).toBe('blocked');
    expect(result.violations).toEqual(expect.arrayContaining(['script-src-elem inline', `img-src ${DISALLOWED}`]));
  });

  it('in the engine worker: a fetch outside the policy is refused and reported; its own origin is not', async () => {
    const worker = await engineWorker();
    const result = await worker.evaluate(async ({ remote, own }) => {
      const violations: string[] = [];
      self.addEventListener('securitypolicyviolation', (e) => violations.push(`${(e as SecurityPolicyViolationEvent).effectiveDirective} ${(e as SecurityPolicyViolationEvent).blockedURI}`));
      const outside = await fetch(remote).then(
        () => 'fetched',
        (err: unknown) => `refused: ${String(err)}`,
      );
      const inside = await fetch(own).then((r) => r.status);
      await new Promise((r) => setTimeout(r, 100));
      return { outside, inside, violations };
    }, { remote: DISALLOWED, own: inject('appUrl') });
    expect(result.outside).toMatch(/^refused/);
    expect(result.inside).toBe(200);
    expect(result.violations).toEqual([`connect-src ${DISALLOWED}`]);
  });

  async function engineWorker(): Promise<Worker> {
    for (let i = 0; i < 100; i++) {
      const worker = browser.page.workers().find((w) => /engine/.test(w.url()));
      if (worker) return worker;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`no engine worker among ${browser.page.workers().map((w) => w.url()).join(', ') || 'none'}`);
  }
});
