import { describe, expect, it } from 'vitest';
import {
  CLEAR_GENERATION,
  DEFAULT_GENERATION,
  LIMITS,
  MAX_STOP_LENGTH,
  MAX_STOP_STRINGS,
  PRESETS,
  changeGeneration,
  describeGeneration,
  formatStops,
  matchingPreset,
  parseStops,
  presetChange,
  sanitizeGeneration,
  toSampling,
  type GenerationSettings,
} from './generation-settings';

describe('generation settings', () => {
  it('sends nothing for model defaults', () => {
    expect(toSampling(DEFAULT_GENERATION)).toEqual({});
  });

  it('maps the settings to request fields, greedy included', () => {
    expect(toSampling({ temperature: 0, topP: 0.9, maxTokens: 4 })).toEqual({ temperature: 0, top_p: 0.9, max_tokens: 4 });
  });

  it('maps every field to its request field', () => {
    const all: GenerationSettings = {
      temperature: 0.8,
      topP: 0.9,
      maxTokens: 64,
      topK: 40,
      minP: 0.05,
      repetitionPenalty: 1.1,
      presencePenalty: 0.5,
      frequencyPenalty: -0.25,
      stop: ['###', '\n\n'],
      seed: 7,
    };
    expect(toSampling(all)).toEqual({
      temperature: 0.8,
      top_p: 0.9,
      max_tokens: 64,
      top_k: 40,
      min_p: 0.05,
      repetition_penalty: 1.1,
      presence_penalty: 0.5,
      frequency_penalty: -0.25,
      stop: ['###', '\n\n'],
      seed: 7,
    });
    // A plain copy: the request crosses to the worker (structured clone) and must not share the settings' array.
    expect(toSampling(all).stop).not.toBe(all.stop);
    // Penalties at their neutral values are still what the person chose: sent, and recorded with the reply.
    expect(toSampling({ ...DEFAULT_GENERATION, repetitionPenalty: 1, presencePenalty: 0, seed: 0 })).toEqual({ repetition_penalty: 1, presence_penalty: 0, seed: 0 });
  });

  it('clamps and cleans what was stored or typed', () => {
    expect(sanitizeGeneration({ temperature: 9, topP: -1, maxTokens: 3.6 })).toEqual({ temperature: 2, topP: 0.01, maxTokens: 4 });
    expect(sanitizeGeneration({ temperature: Number.NaN, topP: '0.5', maxTokens: Infinity })).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration(null)).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration('garbage')).toEqual(DEFAULT_GENERATION);
  });

  it('keeps the advanced fields inside what WebLLM accepts', () => {
    expect(
      sanitizeGeneration({ topK: 40.4, minP: 0.05, repetitionPenalty: 1.2, presencePenalty: -0.5, frequencyPenalty: 1.5, seed: 7, stop: ['END'] }),
    ).toEqual({ ...DEFAULT_GENERATION, topK: 40, minP: 0.05, repetitionPenalty: 1.2, presencePenalty: -0.5, frequencyPenalty: 1.5, seed: 7, stop: ['END'] });
    // Penalties in [-2, 2]; repetition > 0; an integer, non-negative seed; top-k a whole number of tokens.
    expect(sanitizeGeneration({ presencePenalty: 5, frequencyPenalty: -3, repetitionPenalty: 0, seed: -4, topK: 5000, minP: 1 })).toEqual({
      ...DEFAULT_GENERATION,
      presencePenalty: 2,
      frequencyPenalty: -2,
      repetitionPenalty: LIMITS.repetitionPenalty.min,
      seed: 0,
      topK: LIMITS.topK.max,
      minP: LIMITS.minP.max,
    });
    expect(sanitizeGeneration({ seed: 2.6 }).seed).toBe(3);
    expect(sanitizeGeneration({ seed: 2 ** 40 }).seed).toBe(LIMITS.seed.max);
    expect(sanitizeGeneration({ minP: 0.00001 }).minP).toBe(LIMITS.minP.min);
    expect(LIMITS.repetitionPenalty.min).toBeGreaterThan(0);
  });

  it('0 turns top-k and min-p off; unusable values are dropped, not guessed', () => {
    expect(sanitizeGeneration({ topK: 0, minP: 0 })).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration({ topK: 0.4, minP: -1 })).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration({ topK: '40', minP: null, seed: 'x', repetitionPenalty: Number.NaN, presencePenalty: Infinity, stop: 'END' })).toEqual({ ...DEFAULT_GENERATION, stop: ['END'] });
  });

  it('stop strings: non-empty, bounded in length and number, no repeats', () => {
    const many = Array.from({ length: 20 }, (_, i) => `s${i}`);
    expect(sanitizeGeneration({ stop: ['', 'a', 'a', 42, 'x'.repeat(500), ...many] }).stop).toEqual(['a', 'x'.repeat(MAX_STOP_LENGTH), ...many.slice(0, MAX_STOP_STRINGS - 2)]);
    expect(sanitizeGeneration({ stop: [] })).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration({ stop: [''] })).toEqual(DEFAULT_GENERATION);
  });

  it('stop strings as typed: one per line, with \\n, \\t and \\\\ for what a line cannot hold', () => {
    expect(parseStops('###\n\\n\\nUser:\n\nEND\\t\\\\n')).toEqual(['###', '\n\nUser:', 'END\t\\n']);
    const stops = ['a\nb', 'tab\there', 'back\\slash\\n', 'plain'];
    expect(parseStops(formatStops(stops))).toEqual(stops);
    expect(formatStops(undefined)).toBe('');
  });

  it('sanitizing is idempotent (what is stored reads back the same)', () => {
    const inputs = [{ temperature: 3, topK: 12.7, minP: 2, seed: -1, stop: ['a', '', 'a'] }, { presencePenalty: 0.3 }, {}];
    for (const raw of inputs) {
      const once = sanitizeGeneration(raw);
      expect(sanitizeGeneration(JSON.parse(JSON.stringify(once)))).toEqual(once);
    }
  });

  it('a change with null clears a field; CLEAR_GENERATION clears them all', () => {
    const s = changeGeneration(DEFAULT_GENERATION, { topK: 40, seed: 7, stop: ['x'] });
    expect(s).toEqual({ ...DEFAULT_GENERATION, topK: 40, seed: 7, stop: ['x'] });
    expect(changeGeneration(s, { topK: null, stop: [] })).toEqual({ ...DEFAULT_GENERATION, seed: 7 });
    expect(changeGeneration(s, CLEAR_GENERATION)).toEqual(DEFAULT_GENERATION);
  });
});

describe('presets', () => {
  it('a preset sets the sampling shape, clears shape fields it leaves out, keeps length, stops and seed', () => {
    const before: GenerationSettings = { temperature: 0, topP: 0.5, maxTokens: 100, topK: 5, minP: 0.1, repetitionPenalty: 1.3, frequencyPenalty: 1, stop: ['END'], seed: 3 };
    const balanced = changeGeneration(before, presetChange('balanced'));
    expect(balanced).toEqual({ temperature: 0.7, topP: 0.95, maxTokens: 100, stop: ['END'], seed: 3 });
    const creative = changeGeneration(balanced, presetChange('creative'));
    expect(creative).toEqual({ temperature: 1.1, topP: 0.98, presencePenalty: 0.3, maxTokens: 100, stop: ['END'], seed: 3 });
    expect(changeGeneration(creative, presetChange('precise'))).toEqual({ temperature: 0.2, topP: 0.9, maxTokens: 100, stop: ['END'], seed: 3 });
  });

  it('every preset is valid as it stands, distinct, and never turns on the CPU filters', () => {
    for (const preset of PRESETS) {
      const s = changeGeneration(DEFAULT_GENERATION, presetChange(preset.id));
      expect(sanitizeGeneration(s)).toEqual(s);
      expect(matchingPreset(s)?.id).toBe(preset.id);
      expect(s.topK).toBeUndefined();
      expect(s.minP).toBeUndefined();
    }
    expect(new Set(PRESETS.map((p) => p.settings.temperature)).size).toBe(PRESETS.length);
  });

  it('settings match a preset while its own fields are unchanged; one change and they are custom', () => {
    const balanced = changeGeneration(DEFAULT_GENERATION, presetChange('balanced'));
    expect(matchingPreset({ ...balanced, topK: 40, seed: 7 })?.id).toBe('balanced');
    expect(matchingPreset({ ...balanced, temperature: 0.8 })).toBeNull();
    expect(matchingPreset(DEFAULT_GENERATION)).toBeNull();
  });
});

describe('the settings summary', () => {
  const balanced = changeGeneration(DEFAULT_GENERATION, presetChange('balanced'));

  it('names the preset and what was added to it', () => {
    expect(describeGeneration(balanced)).toEqual([{ kind: 'preset', id: 'balanced' }]);
    expect(describeGeneration({ ...balanced, topK: 40, seed: 7 })).toEqual([
      { kind: 'preset', id: 'balanced' },
      { kind: 'topK', value: '40' },
      { kind: 'seed', value: '7' },
    ]);
    expect(describeGeneration({ ...balanced, minP: 0.05, stop: ['###'], maxTokens: 200 })).toEqual([
      { kind: 'preset', id: 'balanced' },
      { kind: 'minP', value: '0.05' },
      { kind: 'stopAt', text: '"###"' },
      { kind: 'maxTokens', value: '200' },
    ]);
  });

  it('lists the fields when no preset matches', () => {
    expect(describeGeneration(DEFAULT_GENERATION)).toEqual([]);
    expect(describeGeneration({ temperature: 0, topP: null, maxTokens: 3 })).toEqual([{ kind: 'greedy' }, { kind: 'maxTokens', value: '3' }]);
    expect(describeGeneration({ temperature: 0.8, topP: 0.9, maxTokens: null, repetitionPenalty: 1.1, presencePenalty: 0.5, frequencyPenalty: -0.2, stop: ['a', 'b'] })).toEqual([
      { kind: 'temperature', value: '0.8' },
      { kind: 'topP', value: '0.9' },
      { kind: 'repetitionPenalty', value: '1.1' },
      { kind: 'presencePenalty', value: '0.5' },
      { kind: 'frequencyPenalty', value: '-0.2' },
      { kind: 'stops', count: 2 },
    ]);
    expect(describeGeneration({ ...DEFAULT_GENERATION, stop: ['\n\n'] })).toEqual([{ kind: 'stopAt', text: '"\\n\\n"' }]);
  });

  it('rounds values to four decimals, as shown', () => {
    expect(describeGeneration({ temperature: 0.123456, topP: null, maxTokens: null })).toEqual([{ kind: 'temperature', value: '0.1235' }]);
  });
});
