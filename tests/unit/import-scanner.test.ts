/** The import scanner behind the layering rules: every import form is found, and only real ones. */
import { describe, expect, it } from 'vitest';
import { scanImports, type ImportRef } from '../support/import-scanner';

/** spec, kind and type-only flag of each reference, in order. */
const scan = (text: string, file = 'a.ts') => scanImports(text, file).map(({ spec, kind, typeOnly }) => [spec, kind, typeOnly]);

describe('scanImports: each form', () => {
  it('static imports: default, named, namespace, mixed, and across lines', () => {
    const source = [
      "import a from './a';",
      "import { b, c as d } from './b'",
      "import * as e from './e';",
      "import f, { g } from './f';",
      'import {',
      '  h,',
      '  i,',
      "} from './h';",
      'import j from "./j";',
    ].join('\n');
    expect(scan(source)).toEqual([
      ['./a', 'static', false],
      ['./b', 'static', false],
      ['./e', 'static', false],
      ['./f', 'static', false],
      ['./h', 'static', false],
      ['./j', 'static', false],
    ]);
  });

  it('side-effect imports', () => {
    expect(scan("import './app.css';\nimport \"polyfill\"")).toEqual([
      ['./app.css', 'side-effect', false],
      ['polyfill', 'side-effect', false],
    ]);
  });

  it('type-only imports: `import type` is type-only; inline `type` qualifiers still load the module', () => {
    expect(
      scan(["import type { A } from './a';", "import type B from './b';", "import { type C } from './c';", "import D, { type E } from './d';", "import type, { x } from './t';"].join('\n')),
    ).toEqual([
      ['./a', 'static', true],
      ['./b', 'static', true],
      ['./c', 'static', false],
      ['./d', 'static', false],
      ['./t', 'static', false],
    ]);
  });

  it('re-exports: named, star, namespace, type-only; local exports are not imports', () => {
    const source = [
      "export { a, b as c } from './a';",
      "export * from './star';",
      "export * as ns from './ns';",
      "export type { T } from './types';",
      'export type * from "./all-types";',
      'export { local };',
      'export const from = 1;',
      'export default from;',
      'export type Local = { from: string };',
    ].join('\n');
    expect(scan(source)).toEqual([
      ['./a', 're-export', false],
      ['./star', 're-export', false],
      ['./ns', 're-export', false],
      ['./types', 're-export', true],
      ['./all-types', 're-export', true],
    ]);
  });

  it('dynamic import(): literal, template without substitutions, non-literal, with options', () => {
    const source = [
      "const m = await import('./lazy');",
      'void import(`./tpl`);',
      'void import(`./tpl/${name}`);',
      'void import(name);',
      "void import('./data.json', { with: { type: 'json' } });",
      "loading ??= import('./render').then((module) => module.render);",
    ].join('\n');
    expect(scan(source)).toEqual([
      ['./lazy', 'dynamic', false],
      ['./tpl', 'dynamic', false],
      [null, 'dynamic', false],
      [null, 'dynamic', false],
      ['./data.json', 'dynamic', false],
      ['./render', 'dynamic', false],
    ]);
  });

  it('import() in a type position is type-only', () => {
    expect(scan("type A = typeof import('./a');\ntype B = import('./b').Thing;\nlet c: import('./c').C<string>;")).toEqual([
      ['./a', 'dynamic', true],
      ['./b', 'dynamic', true],
      ['./c', 'dynamic', true],
    ]);
  });

  it('new URL(…, import.meta.url): worker entries and assets; other URLs are not imports', () => {
    const source = [
      "const w = new Worker(new URL('../worker/engine/engine.worker.ts', import.meta.url), { type: 'module' });",
      'const icon = new URL("./icon.svg", import.meta.url).href;',
      "const page = new URL('https://example.com/');",
      "const rel = new URL(path, 'https://relative.invalid/');",
      "const base = new URL('.', location.href);",
      'const here = import.meta.url;',
    ].join('\n');
    expect(scan(source)).toEqual([
      ['../worker/engine/engine.worker.ts', 'url', false],
      ['./icon.svg', 'url', false],
    ]);
  });

  it('import.meta.glob and require()', () => {
    expect(scan("const all = import.meta.glob('./parts/*.ts');\nconst fs = require('node:fs');\nconst g = import.meta.glob(['./a/*']);")).toEqual([
      ['./parts/*.ts', 'glob', false],
      ['node:fs', 'require', false],
      [null, 'glob', false],
    ]);
  });

  it('reports 1-based lines', () => {
    const refs: ImportRef[] = scanImports("\n\nimport a from './a';\n/* x */ import('./b');", 'a.ts');
    expect(refs.map((ref) => ref.line)).toEqual([3, 4]);
  });
});

describe('scanImports: what is not an import', () => {
  it('ignores comments', () => {
    const source = ["// import a from './a';", "/* import('./b'); export * from './c'; */", '/**', " * new URL('./d', import.meta.url)", ' */', "import real from './real';"].join('\n');
    expect(scan(source)).toEqual([['./real', 'static', false]]);
  });

  it('ignores strings, template text and regular expressions that look like imports', () => {
    const source = [
      "const s = \"import a from './a'\";",
      "const t = 'export * from \"./b\"';",
      "const u = `import('./c') and new URL('./d', import.meta.url)`;",
      "const r = /import\\('.\\/e'\\)|['\"]/g;",
      "const k = text.split(/['\"]/).join('import(\"./f\")');",
      "const q = a / b / import('./real-after-division');",
    ].join('\n');
    expect(scan(source)).toEqual([['./real-after-division', 'dynamic', false]]);
  });

  it('finds imports inside template substitutions, and not in the text around them', () => {
    expect(scan("const s = `import('./no') ${await import('./yes')} import('./no-either')`;")).toEqual([['./yes', 'dynamic', false]]);
  });

  it('ignores member names and keys called import, export or require', () => {
    const source = ["api.import('./x');", "obj.require('./y');", "const o = { import: 1, export: 2 };", "loader.import.meta;", "import real from './real';"].join('\n');
    expect(scan(source)).toEqual([['./real', 'static', false]]);
  });
});

describe('scanImports: Svelte and .svelte.ts', () => {
  const component = [
    '<script module lang="ts">',
    "  export { shared } from './shared';",
    '</script>',
    '',
    '<script lang="ts" generics="T extends Record<string, unknown>">',
    "  import type { GpuProbe } from '../../protocol/engine-protocol';",
    "  import Child from './Child.svelte';",
    '  // import gone from "./commented-out";',
    "  const Lazy = import('./Lazy.svelte');",
    '</script>',
    '',
    '<!-- <script>import hidden from "./hidden";</script> -->',
    "<p>Don't import from './prose' here; it is text.</p>",
    "{#await import('./Panel.svelte') then Panel}<Panel.default />{/await}",
    '<img src={new URL(\'./logo.png\', import.meta.url).href} alt="" />',
    '<style>',
    "  @import './theme.css';",
    '</style>',
  ].join('\n');

  it('reads every <script> block and markup expressions, but not comments, prose or styles', () => {
    expect(scan(component, 'X.svelte')).toEqual([
      ['./shared', 're-export', false],
      ['../../protocol/engine-protocol', 'static', true],
      ['./Child.svelte', 'static', false],
      ['./Lazy.svelte', 'dynamic', false],
      ['./Panel.svelte', 'dynamic', false],
      ['./logo.png', 'url', false],
    ]);
  });

  it('gives lines in the .svelte file', () => {
    expect(scanImports(component, 'X.svelte').map((ref) => ref.line)).toEqual([2, 6, 7, 9, 14, 15]);
  });

  it('reads .svelte.ts as TypeScript (runes are not imports)', () => {
    const source = "import { escapeHtml } from './escape-html';\nlet render = $state(null);\nexport const x = $derived(import('./render-markdown'));";
    expect(scan(source, 'markdown-renderer.svelte.ts')).toEqual([
      ['./escape-html', 'static', false],
      ['./render-markdown', 'dynamic', false],
    ]);
  });
});
