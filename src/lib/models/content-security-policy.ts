/**
 * The app's Content-Security-Policy, in one place: `npm start` (Vite preview) and the e2e servers send it as a
 * response header on every response, `public/_headers` carries it for static hosts that read one (a unit test
 * keeps that file equal to this), and the README's deployment notes show it for nginx and Caddy.
 *
 * It must come as a header: a dedicated worker does not inherit a `<meta>` policy from the page, and every
 * model download happens in the engine worker.
 *
 * connect-src lists the hosts models come from: Hugging Face and its redirect targets (its docs advise the
 * suffixes, not a fixed list: the CDN and Xet hosts change) and GitHub's raw host for model libraries, plus
 * localhost for models a person serves on their own machine. A deployment that wants custom models from other
 * hosts adds their origins at build time (PRIVATE_CHAT_MODEL_HOSTS); the app never fetches anything but what
 * the person asks to download.
 */

/** Where prebuilt models and their libraries are downloaded from, redirects included. */
export const MODEL_HOSTS = ['https://huggingface.co', 'https://*.huggingface.co', 'https://*.hf.co', 'https://raw.githubusercontent.com'] as const;

/** Models served from the person's own machine (e.g. `python -m http.server` over an MLC build). */
export const LOCAL_MODEL_HOSTS = ['http://localhost:*', 'http://127.0.0.1:*'] as const;

/** An origin a deployment may add: scheme, host (a leading `*.` allowed) and an optional port, nothing else. */
const ORIGIN = /^https?:\/\/(\*\.)?[a-z0-9-]+(\.[a-z0-9-]+)*(:(\d{1,5}|\*))?$/i;

/** The extra origins of PRIVATE_CHAT_MODEL_HOSTS (space or comma separated); anything else is refused, loudly. */
export function parseExtraHosts(value: string | undefined): string[] {
  const hosts = (value ?? '').split(/[\s,]+/).filter(Boolean);
  const bad = hosts.filter((h) => !ORIGIN.test(h));
  if (bad.length) throw new Error(`PRIVATE_CHAT_MODEL_HOSTS has entries that are not origins (like https://models.example.com): ${bad.join(', ')}`);
  return hosts;
}

export function contentSecurityPolicy(extraHosts: readonly string[] = []): string {
  const directives: Array<[string, string[]]> = [
    ['default-src', ["'self'"]],
    // WebLLM compiles its tokenizer and model libraries (WebAssembly): no eval, no inline script.
    ['script-src', ["'self'", "'wasm-unsafe-eval'"]],
    ['worker-src', ["'self'"]],
    // blob: the model library of a localhost model, handed to WebLLM from the app's own cache.
    ['connect-src', ["'self'", 'blob:', ...MODEL_HOSTS, ...LOCAL_MODEL_HOSTS, ...extraHosts]],
    // Replies never load remote media (they show links instead); this makes sure of it.
    ['img-src', ["'self'", 'data:', 'blob:']],
    ['media-src', ["'self'"]],
    ['style-src', ["'self'"]],
    ['font-src', ["'self'"]],
    ['manifest-src', ["'self'"]],
    ['object-src', ["'none'"]],
    ['base-uri', ["'self'"]],
    ['form-action', ["'self'"]],
    ['frame-ancestors', ["'none'"]],
  ];
  return directives.map(([name, values]) => `${name} ${values.join(' ')}`).join('; ');
}

/** The headers every response of the app carries. */
export function securityHeaders(extraHosts: readonly string[] = []): Record<string, string> {
  return {
    'Content-Security-Policy': contentSecurityPolicy(extraHosts),
    'X-Content-Type-Options': 'nosniff',
    'Referrer-Policy': 'no-referrer',
  };
}

/** `public/_headers` (Netlify, Cloudflare Pages): the same headers for every path. */
export function headersFile(extraHosts: readonly string[] = []): string {
  const lines = Object.entries(securityHeaders(extraHosts)).map(([name, value]) => `  ${name}: ${value}`);
  return ['# Written from src/lib/models/content-security-policy.ts (a unit test keeps them equal).', '/*', ...lines, ''].join('\n');
}

/**
 * Whether the policy's connect-src lets the page or the worker fetch `url` (for a clear message before a
 * fetch fails the same way a network error or CORS would). Understands the source forms this policy uses.
 */
export function connectAllowed(url: string, selfOrigin: string, extraHosts: readonly string[] = []): boolean {
  let target: URL;
  try {
    target = new URL(url);
  } catch {
    return false;
  }
  if (target.protocol === 'blob:' || target.origin === selfOrigin) return true;
  const defaultPort = target.protocol === 'https:' ? '443' : target.protocol === 'http:' ? '80' : '';
  const port = target.port || defaultPort;
  return [...MODEL_HOSTS, ...LOCAL_MODEL_HOSTS, ...extraHosts].some((source) => {
    const match = /^(https?):\/\/(\*\.)?([^:/]+)(?::(\d+|\*))?$/.exec(source);
    if (!match) return false;
    const [, scheme, wildcard, host, sourcePort] = match;
    // CSP lets an http: source match https: too (the upgrade), never the other way.
    if (target.protocol !== `${scheme}:` && !(scheme === 'http' && target.protocol === 'https:')) return false;
    const hostOk = wildcard ? target.hostname.endsWith(`.${host}`) : target.hostname === host;
    const portOk = sourcePort === '*' || (sourcePort ?? (scheme === 'https' ? '443' : '80')) === port;
    return hostOk && portOk;
  });
}
