import { svelte } from '@sveltejs/vite-plugin-svelte';
import { defineConfig } from 'vitest/config';
import { DEXIE_MODULE_BUILD } from './vite.config';

export default defineConfig({
  plugins: [svelte()],
  resolve: { alias: [DEXIE_MODULE_BUILD] },
  test: {
    include: ['src/**/*.test.ts', 'tests/unit/**/*.test.ts'],
    environment: 'node',
    setupFiles: ['tests/support/load-locales.ts'],
  },
});
