/**
 * axe-core in the page under test, and a readable account of what it finds.
 *
 * The app sends a strict Content-Security-Policy (script-src 'self', no inline script), so axe cannot come as
 * an inline <script> (Playwright's addScriptTag inlines a `path`) and the page's policy is left as it ships.
 * Instead the script is served from the page's own origin: a route answers one made-up same-origin URL with
 * axe's file, and a <script src> of that URL is allowed by script-src 'self'. Nothing else is routed. The tests
 * that use it launch with service workers blocked: a controlling service worker would hide the request from the route.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from 'playwright-core';

const AXE_PATH = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const AXE_ROUTE = '/__e2e__/axe.min.js';
let source: string | null = null;

/** WCAG 2.0/2.1 A and AA, plus axe's best practices. */
export const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice'] as const;

export interface AxeNode {
  readonly target: string[];
  readonly failureSummary?: string;
}
export interface AxeViolation {
  readonly id: string;
  readonly impact: 'minor' | 'moderate' | 'serious' | 'critical' | null;
  readonly help: string;
  readonly nodes: AxeNode[];
}

/** Loads axe into the page once (again after a navigation), from the page's own origin. */
export async function injectAxe(page: Page): Promise<void> {
  if (await page.evaluate(() => 'axe' in window)) return;
  const origin = new URL(page.url()).origin;
  source ??= readFileSync(AXE_PATH, 'utf8');
  const body = source;
  // The context's route also sees the request if a service worker forwards it.
  const url = `${origin}${AXE_ROUTE}`;
  await page.context().route(url, (route) => route.fulfill({ status: 200, contentType: 'text/javascript', body }));
  try {
    await page.addScriptTag({ url: AXE_ROUTE });
  } finally {
    await page.context().unroute(url);
  }
}

/**
 * Runs axe over the page (or `include`, a selector) with AXE_TAGS and returns every violation. Animations are
 * settled first, so colours are measured as they end, not halfway through a fade.
 */
export async function runAxe(page: Page, include?: string): Promise<AxeViolation[]> {
  await injectAxe(page);
  return page.evaluate(
    async ({ tags, include }) => {
      const finite = document.getAnimations().filter((a) => a.effect?.getComputedTiming().endTime !== Infinity);
      await Promise.all(finite.map((a) => a.finished.catch(() => undefined)));
      const axe = (window as unknown as { axe: { run(context: unknown, options: unknown): Promise<{ violations: unknown[] }> } }).axe;
      const result = await axe.run(include ? { include: [include] } : document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
      return (result.violations as Array<{ id: string; impact: AxeViolation['impact']; help: string; nodes: Array<{ target: unknown[]; failureSummary?: string }> }>).map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.map((n) => ({ target: n.target.map(String), failureSummary: n.failureSummary })),
      }));
    },
    { tags: [...AXE_TAGS], include },
  );
}

/** The violations a release must not have. */
export function serious(violations: readonly AxeViolation[]): AxeViolation[] {
  return violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
}

/** One paragraph per violation: id, impact, what it asks, and each element with axe's summary, shortened. */
export function formatViolations(violations: readonly AxeViolation[]): string {
  return violations
    .map((v) => {
      const nodes = v.nodes.slice(0, 8).map((n) => `    ${n.target.join(' ')}\n      ${(n.failureSummary ?? '').replace(/\s+/g, ' ').slice(0, 240)}`);
      const more = v.nodes.length > 8 ? [`    … and ${v.nodes.length - 8} more`] : [];
      return [`${v.id} (${v.impact}): ${v.help}`, ...nodes, ...more].join('\n');
    })
    .join('\n');
}
