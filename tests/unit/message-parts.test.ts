/**
 * The English of the parts that load later (lib/i18n/messages/index.ts, LATER_EN) is not in the start-up
 * script; it loads with its part. That is only safe if a part's keys are used nowhere else (not at start, not
 * by a worker producing a text) and if the part's files load only through a loader that loads its words too.
 * This test reads the sources to hold both; the browser tests then open each part in English.
 */
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LATER_EN, type MessagePart } from '../../src/lib/i18n/messages';
import { readTree } from '../support/layer-check';

const SRC = resolve(__dirname, '../../src');
const tree = readTree(SRC);

/** Each part's files (relative to src/; a folder ends in "/"): the only places its keys may appear. */
const PART_FILES: Readonly<Record<MessagePart, readonly string[]>> = {
  'chat-settings': ['ui/chat/ReplySettingsPanel.svelte', 'ui/chat/ContextSettingsPanel.svelte'],
  'chat-cards': ['ui/chat/RunningSummary.svelte', 'ui/chat/FollowUpRewrite.svelte', 'ui/chat/TopicChangeOffer.svelte'],
  'model-manager': ['ui/models/', 'lib/models/custom-model.ts'],
  privacy: ['ui/privacy/'],
  shortcuts: ['ui/shell/ShortcutsHelp.svelte'],
};

/** The modules that load parts: each of their import() lines names the part whose words load with it. */
const LOADERS = ['ui/chat/lazy-chat-parts.ts', 'ui/shell/lazy-panels.ts'];

/**
 * Other dynamic imports of a part's files, each with why the part's words are there by then. The add-model
 * checks load when the add-model form (inside the model manager) submits.
 */
const OTHER_LOADS: ReadonlyArray<{ from: string; to: string }> = [{ from: 'state/models.svelte.ts', to: 'lib/models/custom-model.ts' }];

const PARTS = Object.keys(PART_FILES) as MessagePart[];
const inPart = (part: MessagePart, path: string) => PART_FILES[part].some((scope) => (scope.endsWith('/') ? path.startsWith(scope) : path === scope));
const partOf = (path: string) => PARTS.find((part) => inPart(part, path)) ?? null;

describe('messages that load with their part', () => {
  it('lists the files of every part that exists', () => {
    expect(Object.keys(PART_FILES).sort()).toEqual(Object.keys(LATER_EN).sort());
    for (const part of PARTS) expect([...tree.sources.keys()].some((file) => inPart(part, file)), part).toBe(true);
  });

  it("uses a part's keys only in that part's files (no start-up code, no worker)", async () => {
    const misplaced: string[] = [];
    for (const part of PARTS) {
      const keys = Object.keys((await LATER_EN[part]()).en);
      expect(keys.length).toBeGreaterThan(0);
      for (const [file, text] of tree.sources) {
        if (file.startsWith('lib/i18n/messages/') || inPart(part, file)) continue;
        for (const key of keys) if (text.includes(`'${key}'`) || text.includes(`"${key}"`) || text.includes(`\`${key}`)) misplaced.push(`${file}: ${key} (${part})`);
      }
    }
    expect(misplaced).toEqual([]);
  });

  it("loads a part's files only lazily, through a loader that loads the part's words with them", () => {
    const wrong: string[] = [];
    for (const edge of tree.edges) {
      const to = edge.target?.type === 'file' ? edge.target.path : null;
      const part = to && partOf(to);
      if (!to || !part || edge.typeOnly || inPart(part, edge.file)) continue;
      if (edge.kind !== 'dynamic') {
        wrong.push(`${edge.file}:${edge.line} imports ${to} statically: it would be in the start-up script without its words`);
      } else if (LOADERS.includes(edge.file)) {
        const line = tree.sources.get(edge.file)!.split('\n')[edge.line - 1] ?? '';
        if (!line.includes(`'${part}'`)) wrong.push(`${edge.file}:${edge.line} loads ${to} without its words ('${part}')`);
      } else if (!OTHER_LOADS.some((load) => load.from === edge.file && load.to === to)) {
        wrong.push(`${edge.file}:${edge.line} loads ${to}: not a part loader`);
      }
    }
    expect(wrong).toEqual([]);
  });
});
