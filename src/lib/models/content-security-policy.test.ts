import { describe, expect, it } from 'vitest';
import { connectAllowed, contentSecurityPolicy, parseExtraHosts } from './content-security-policy';

describe('content security policy', () => {
  it('allows no inline or eval script, no remote media, and fetches only from the model hosts', () => {
    const policy = Object.fromEntries(contentSecurityPolicy().split('; ').map((d) => [d.split(' ')[0], d.split(' ').slice(1)]));
    expect(policy['script-src']).toEqual(["'self'", "'wasm-unsafe-eval'"]);
    expect(policy['worker-src']).toEqual(["'self'"]);
    expect(policy['style-src']).toEqual(["'self'"]);
    expect(policy['img-src']).toEqual(["'self'", 'data:', 'blob:']);
    expect(policy['connect-src']).toEqual([
      "'self'",
      'blob:',
      'https://huggingface.co',
      'https://*.huggingface.co',
      'https://*.hf.co',
      'https://raw.githubusercontent.com',
      'http://localhost:*',
      'http://127.0.0.1:*',
    ]);
    expect(policy['object-src']).toEqual(["'none'"]);
    expect(policy['frame-ancestors']).toEqual(["'none'"]);
  });

  it('a deployment adds model hosts by origin only', () => {
    expect(contentSecurityPolicy(parseExtraHosts('https://models.example.com, https://*.cdn.example.org:8443'))).toContain(
      'http://127.0.0.1:* https://models.example.com https://*.cdn.example.org:8443;',
    );
    expect(parseExtraHosts(undefined)).toEqual([]);
    expect(() => parseExtraHosts("https://ok.example.com https://x.example.com/path 'unsafe-inline' *")).toThrow(/https:\/\/x\.example\.com\/path, 'unsafe-inline', \*/);
  });

  it('tells which URLs connect-src lets the app fetch', () => {
    const self = 'https://chat.example.net';
    expect(connectAllowed('https://huggingface.co/mlc-ai/x/resolve/main/tensor-cache.json', self)).toBe(true);
    expect(connectAllowed('https://cas-bridge.xethub.hf.co/shard', self)).toBe(true);
    expect(connectAllowed('https://hf.co/x', self)).toBe(false);
    expect(connectAllowed('https://raw.githubusercontent.com/mlc-ai/lib.wasm', self)).toBe(true);
    expect(connectAllowed('http://raw.githubusercontent.com/lib.wasm', self)).toBe(false);
    expect(connectAllowed('http://127.0.0.1:8000/model/', self)).toBe(true);
    expect(connectAllowed('http://localhost:3000/model/', self)).toBe(true);
    expect(connectAllowed('http://127.0.0.2:8000/model/', self)).toBe(false);
    expect(connectAllowed('https://chat.example.net/models/x/', self)).toBe(true);
    expect(connectAllowed('https://models.example.com/x/', self)).toBe(false);
    expect(connectAllowed('https://models.example.com/x/', self, ['https://models.example.com'])).toBe(true);
    expect(connectAllowed('https://a.cdn.example.org:8443/x', self, ['https://*.cdn.example.org:8443'])).toBe(true);
    expect(connectAllowed('https://a.cdn.example.org/x', self, ['https://*.cdn.example.org:8443'])).toBe(false);
    expect(connectAllowed('not a url', self)).toBe(false);
  });
});
