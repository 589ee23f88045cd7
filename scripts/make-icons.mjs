/**
 * Renders the PWA's PNG icons from public/icons/*.svg with Debian Chromium (no image toolchain needed):
 * `node scripts/make-icons.mjs`. The PNGs are committed; run this again only when the SVGs change.
 * Maskable icons keep their mark inside the central 80 % safe zone (the platform crops the rest).
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import { CHROMIUM } from '../tests/support/chromium.mjs';

const ICONS = [
  { svg: 'icon.svg', size: 192, out: 'icon-192.png' },
  { svg: 'icon.svg', size: 512, out: 'icon-512.png' },
  { svg: 'icon-maskable.svg', size: 512, out: 'icon-maskable-512.png' },
  { svg: 'icon-maskable.svg', size: 180, out: 'apple-touch-icon-180.png' },
];

const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
try {
  for (const { svg, size, out } of ICONS) {
    const page = await browser.newPage({ viewport: { width: size, height: size } });
    const markup = readFileSync(new URL(`../public/icons/${svg}`, import.meta.url), 'utf8');
    await page.setContent(`<style>html,body{margin:0;background:transparent}svg{display:block;width:${size}px;height:${size}px}</style>${markup}`);
    writeFileSync(new URL(`../public/icons/${out}`, import.meta.url), await page.screenshot({ omitBackground: true }));
    await page.close();
    console.log(`public/icons/${out} (${size}×${size})`);
  }
} finally {
  await browser.close();
}
