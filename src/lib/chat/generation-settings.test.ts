import { describe, expect, it } from 'vitest';
import { DEFAULT_GENERATION, sanitizeGeneration, toSampling } from './generation-settings';

describe('generation settings', () => {
  it('sends nothing for model defaults', () => {
    expect(toSampling(DEFAULT_GENERATION)).toEqual({});
  });

  it('maps the settings to request fields, greedy included', () => {
    expect(toSampling({ temperature: 0, topP: 0.9, maxTokens: 4 })).toEqual({ temperature: 0, top_p: 0.9, max_tokens: 4 });
  });

  it('clamps and cleans what was stored or typed', () => {
    expect(sanitizeGeneration({ temperature: 9, topP: -1, maxTokens: 3.6 })).toEqual({ temperature: 2, topP: 0.01, maxTokens: 4 });
    expect(sanitizeGeneration({ temperature: Number.NaN, topP: '0.5', maxTokens: Infinity })).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration(null)).toEqual(DEFAULT_GENERATION);
    expect(sanitizeGeneration('garbage')).toEqual(DEFAULT_GENERATION);
  });
});
