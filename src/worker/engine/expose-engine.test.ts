import { describe, expect, it } from 'vitest';
import { engineMethods } from './expose-engine';

describe('exposeEngine sees every method', () => {
  it('finds methods on a class prototype and on the object itself, without Object’s own', () => {
    class Base {
      async probeGpu() {
        return 'probe';
      }
    }
    class Engine extends Base {
      readonly field = 42;
      async chat() {
        return 'chat';
      }
    }
    const engine = Object.assign(new Engine(), { cancel: async () => 'cancel' });
    const names = engineMethods(engine).map(([name]) => name).sort();
    expect(names).toEqual(['cancel', 'chat', 'probeGpu']);
  });

  it('calls them bound to the API object', async () => {
    class Engine {
      readonly label = 'self';
      async who() {
        return this.label;
      }
    }
    const engine = new Engine();
    const [[, who]] = engineMethods(engine) as [[string, (...args: unknown[]) => Promise<unknown>]];
    await expect(who.apply(engine, [])).resolves.toBe('self');
  });
});
