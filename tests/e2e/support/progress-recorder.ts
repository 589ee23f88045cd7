/** Records what the progress bar showed, sample by sample, from inside the page (no polling gaps). */
import type { Page } from 'playwright-core';

export interface ProgressSample {
  phase: string | null;
  percent: number | null;
  text: string;
  /** performance.now() in the page when this sample first showed. */
  t: number;
}

export async function recordProgress(page: Page): Promise<() => Promise<ProgressSample[]>> {
  await page.evaluate(() => {
    const samples: ProgressSample[] = [];
    (window as unknown as { __progress: ProgressSample[] }).__progress = samples;
    const read = () => {
      const root = document.querySelector('[data-testid="load-progress"]');
      if (!root) return;
      const bar = root.querySelector('[data-testid="progress-bar"]');
      const value = bar?.getAttribute('aria-valuenow');
      const sample = { phase: root.getAttribute('data-phase'), percent: value ? Number(value) : null, text: root.querySelector('[data-testid="progress-text"]')?.textContent?.replace(/\s+/g, ' ').trim() ?? '', t: performance.now() };
      const last = samples[samples.length - 1];
      if (!last || last.text !== sample.text || last.phase !== sample.phase) samples.push(sample);
    };
    new MutationObserver(read).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
  });
  return () => page.evaluate(() => (window as unknown as { __progress: ProgressSample[] }).__progress);
}
