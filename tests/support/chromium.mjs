// The browser every browser test and benchmark drives: Debian's Chromium, never a downloaded one. When it is
// missing, the tier fails at once with the one command that installs it, instead of a stack trace from
// playwright or a run that tested nothing. `node tests/support/chromium.mjs` runs the check before Vitest
// starts (Vitest would add a misleading "No test files found" to a failing global setup).
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** Checks that Chromium is there and returns its version line, e.g. "Chromium 156.0.8078.114 built on Debian …". */
export function requireChromium() {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `The browser tests need Debian's Chromium at ${CHROMIUM}, which is not installed. Install it with:\n\n` +
        `    sudo apt-get install -y chromium\n\n` +
        `(as root, without sudo; or set CHROMIUM_PATH to another Chromium). The tests never download a browser.`,
    );
  }
  // Debian's wrapper script writes shell noise to stderr; the version is the first line of stdout.
  const out = execFileSync(CHROMIUM, ['--version'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  return out.split('\n')[0]?.trim() || 'Chromium (version unknown)';
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  try {
    console.log(`browser: ${requireChromium()}`);
  } catch (err) {
    console.error(`\n${err instanceof Error ? err.message : String(err)}\n`);
    process.exit(1);
  }
}
