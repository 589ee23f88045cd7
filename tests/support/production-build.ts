/**
 * Test builds are built as the app ships: Vitest sets NODE_ENV=test, and a Vite build started from it would
 * otherwise compile Svelte in development mode (slower, with dev-only code), unlike `npm start`'s build.
 */
import { build, type InlineConfig } from 'vite';

export async function buildLikeProduction(config: InlineConfig): Promise<void> {
  const before = process.env.NODE_ENV;
  process.env.NODE_ENV = 'production';
  try {
    await build(config);
  } finally {
    process.env.NODE_ENV = before;
  }
}
