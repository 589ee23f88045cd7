/**
 * The import rows of `npm run bench`: ChatGPT exports imported through the app's own UI (the test build,
 * file input -> import worker -> IndexedDB), each into a fresh profile, at three sizes so the growth shows
 * (linear: twice the file, twice the time). Two shapes: a heavy user's realistic export, and the worst shape
 * built for the importer (tests/bench/import-fixtures.ts). While it runs, the page records every long task
 * (PerformanceObserver, tasks over 50 ms) and the longest gap between animation frames: the main thread's
 * longest block is what a person feels as a frozen tab.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { runnerImport } from 'vite';

const MB = 1024 * 1024;
export const IMPORT_SIZES_MB = [12.5, 25, 50];

async function importOnce({ args, chromiumPath }, url, path) {
  const profile = mkdtempSync(join(tmpdir(), 'pc-bench-import-'));
  const context = await chromium.launchPersistentContext(profile, { executablePath: chromiumPath, headless: true, args, viewport: { width: 1200, height: 900 } });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    await page.goto(url);
    await page.getByTestId('import-file').waitFor({ state: 'attached' });
    await page.evaluate(() => {
      const w = window;
      w.__longest = 0;
      w.__maxFrameGap = 0;
      new PerformanceObserver((list) => {
        for (const entry of list.getEntries()) w.__longest = Math.max(w.__longest, entry.duration);
      }).observe({ type: 'longtask' });
      let last = performance.now();
      const frame = (now) => {
        w.__maxFrameGap = Math.max(w.__maxFrameGap, now - last);
        last = now;
        if (!w.__stopFrames) requestAnimationFrame(frame);
      };
      requestAnimationFrame(frame);
      w.__start = performance.now();
    });
    // Waited for inside the page (a MutationObserver), not by polling from here: the test driver's own layout
    // queries would show up as the page's long tasks.
    const done = page.evaluate(
      () =>
        new Promise((resolve) => {
          const finished = () => document.querySelector('[data-testid="import-outcome"]') && document.querySelector('[data-testid="conversation-item"]');
          new MutationObserver((_, observer) => {
            if (!finished()) return;
            observer.disconnect();
            resolve(true);
          }).observe(document.body, { subtree: true, childList: true });
        }),
    );
    await page.getByTestId('import-file').setInputFiles(path);
    await done;
    // The list of conversations re-renders after the import: that belongs to the import's cost too.
    await new Promise((resolve) => setTimeout(resolve, 500));
    return await page.evaluate(() => {
      const w = window;
      w.__stopFrames = true;
      const outcome = document.querySelector('[data-testid="import-outcome"]');
      return {
        ms: performance.now() - w.__start - 500,
        longestTaskMs: w.__longest,
        maxFrameGapMs: w.__maxFrameGap,
        ok: outcome?.getAttribute('data-ok') === 'true',
        summary: outcome?.textContent?.replace(/\s+/g, ' ').replace(/ OK$/, '').trim() ?? '',
        conversations: Number(/Imported ([\d,]+) conversation/.exec(outcome?.textContent ?? '')?.[1]?.replace(/,/g, '') ?? 0),
      };
    });
  } finally {
    await context.close();
    rmSync(profile, { recursive: true, force: true });
  }
}

export async function importBench({ root, args, chromiumPath, appUrl }) {
  const fixtures = (await runnerImport(join(root, 'tests/bench/import-fixtures.ts'), { logLevel: 'warn' })).module;
  const dir = mkdtempSync(join(tmpdir(), 'pc-bench-import-files-'));
  const results = [];
  try {
    for (const [shape, make] of [
      ['realistic', fixtures.realisticChatGptExport],
      ['crafted worst case', fixtures.craftedWorstCaseExport],
    ]) {
      for (const mb of IMPORT_SIZES_MB) {
        const text = make(Math.round(mb * MB));
        const path = join(dir, `${shape.replace(/\W+/g, '-')}-${mb}.json`);
        writeFileSync(path, text);
        const bytes = Buffer.byteLength(text);
        const r = await importOnce({ args, chromiumPath }, appUrl, path);
        results.push({ shape, mb: bytes / MB, ...r });
        rmSync(path);
      }
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  return results;
}

export function importRows(results, fmt) {
  const base = new Map();
  return results.map((r) => {
    if (!base.has(r.shape)) base.set(r.shape, r);
    const first = base.get(r.shape);
    const growth = (r.ms / first.ms) / (r.mb / first.mb);
    return [
      `${r.shape}, ${fmt(r.mb, 1)} MB → ${r.conversations.toLocaleString('en-US')} conversations${r.ok ? '' : ' (REFUSED)'}`,
      `${fmt(r.ms / 1000, 1)} s`,
      `×${fmt(growth, 2)}`,
      r.longestTaskMs ? `${fmt(r.longestTaskMs, 0)} ms` : '< 50 ms',
      `${fmt(r.maxFrameGapMs, 0)} ms`,
    ];
  });
}
