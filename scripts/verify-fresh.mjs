#!/usr/bin/env node
// `npm run verify:fresh`: proves the README's set-up on a fresh clone. Clones HEAD into an empty temporary
// folder (nothing beside it: no ../shared, no node_modules, no build caches), then runs there exactly what the
// README tells a newcomer: `npm install && npm start` (the served app must answer on the printed URL) and
// `npm test` (every tier). `.ci/run` runs this, so CI proves the fresh-clone path every time.
//   node scripts/verify-fresh.mjs [--keep]     --keep leaves the clone in place for a look afterwards
import { execFileSync, spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative, resolve } from 'node:path';

const root = resolve(import.meta.dirname, '..');
const keep = process.argv.includes('--keep');
const parent = mkdtempSync(join(tmpdir(), 'pc-fresh-'));
const clone = join(parent, 'private-chat');
const timings = [];
// Nothing from this machine's set-up may leak into the clone's run.
const env = { ...process.env };
delete env.REAL_ENGINE_FIXTURE;

function step(name, run) {
  const started = Date.now();
  console.log(`\n── ${name}`);
  return Promise.resolve(run()).then((value) => {
    timings.push([name, (Date.now() - started) / 1000]);
    return value;
  });
}

function sh(command, args, cwd = clone) {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd, env, stdio: 'inherit' });
    child.on('error', reject);
    child.on('exit', (code, signal) => (code === 0 ? resolvePromise() : reject(new Error(`${command} ${args.join(' ')} failed (${signal ?? `exit ${code}`})`))));
  });
}

function gitHead() {
  try {
    const head = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    const dirty = execFileSync('git', ['status', '--porcelain'], { cwd: root, encoding: 'utf8' }).trim();
    return { head, dirty: dirty.length > 0 };
  } catch {
    return null; // not a git checkout (an exported tree): copy it instead
  }
}

/** `npm start` must print a URL and serve the app there; then it is stopped. */
async function startAndProbe() {
  const child = spawn('npm', ['start'], { cwd: clone, env, stdio: ['ignore', 'pipe', 'inherit'], detached: true });
  try {
    const url = await new Promise((resolveUrl, reject) => {
      let out = '';
      const timer = setTimeout(() => reject(new Error(`npm start printed no URL within 180 s:\n${out}`)), 180_000);
      child.stdout.on('data', (chunk) => {
        process.stdout.write(chunk);
        out += chunk;
        const found = /https?:\/\/(?:127\.0\.0\.1|localhost):\d+\/?/.exec(out.replace(/\x1b\[[0-9;]*m/g, ''));
        if (found) {
          clearTimeout(timer);
          resolveUrl(found[0]);
        }
      });
      child.on('exit', (code) => reject(new Error(`npm start exited (${code}) before serving:\n${out}`)));
    });
    const response = await fetch(url);
    const html = await response.text();
    if (!response.ok || !/<div id="app"/.test(html)) throw new Error(`${url} answered ${response.status} without the app's page`);
    const script = /<script[^>]+src="([^"]+)"/.exec(html)?.[1];
    if (!script || !(await fetch(new URL(script, url))).ok) throw new Error(`${url}: the app's script ${script} is not served`);
    console.log(`npm start serves the app at ${url} (page and ${script} answered 200)`);
  } finally {
    try {
      process.kill(-child.pid, 'SIGTERM'); // vite preview runs under npm: stop the whole group
    } catch {
      /* already gone */
    }
  }
}

try {
  const git = gitHead();
  await step('clone', async () => {
    if (git) {
      await sh('git', ['clone', '--quiet', '--no-hardlinks', root, clone], parent);
      console.log(`cloned HEAD ${git.head.slice(0, 12)} into ${clone}${git.dirty ? ' (uncommitted changes in the checkout are not part of it)' : ''}`);
    } else {
      const ignored = new Set(['node_modules', 'dist', '.e2e', '.bench']);
      cpSync(root, clone, { recursive: true, filter: (src) => !relative(root, src).split('/').some((part) => ignored.has(part)) });
      console.log(`not a git checkout: copied the tree without ${[...ignored].join(', ')} into ${clone}`);
    }
    const beside = readdirSync(parent);
    if (beside.length !== 1) throw new Error(`the clone's folder holds more than the clone: ${beside.join(', ')}`);
  });
  await step('npm install', () => sh('npm', ['install', '--no-audit', '--no-fund']));
  await step('npm start (build, serve, answer)', startAndProbe);
  await step('npm test', () => sh('npm', ['test']));
  console.log('\nFresh clone verified:');
  for (const [name, seconds] of timings) console.log(`  ${name.padEnd(36)} ${seconds.toFixed(0).padStart(5)} s`);
} catch (err) {
  console.error(`\nverify:fresh FAILED: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
} finally {
  if (keep) console.log(`clone kept at ${clone}`);
  else rmSync(parent, { recursive: true, force: true });
}
