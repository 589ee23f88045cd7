/**
 * Adding a model by URL: checks what a person typed before anything is saved. The weights location must
 * serve an MLC `mlc-chat-config.json` and weights manifest, the library must be WebAssembly, and an f16
 * model needs a GPU with shader-f16. Network access is injected (`fetch`) so this stays pure and testable.
 */
import { displayName, paramsOf, quantizationNeedsShaderF16 } from './catalog';
import type { ModelDescriptor } from './model-descriptor';
import { CHAT_CONFIG_FILE, MANIFEST_FILES, resolveModelBase } from './cache-conventions';
import { ManifestError, isWasm, parseWeightManifest, tokenizerFileOf } from './model-files';
import { englishText, type KeysOf, type Text } from '../i18n/text';

export interface CustomModelInput {
  readonly weightsUrl: string;
  readonly libUrl: string;
  readonly name: string;
}

export type CustomModelField = keyof CustomModelInput;

/** A verdict of the add-model form, for the UI to translate. */
export type CustomModelText = Text<KeysOf<'models.add.'>>;

/** A refusal says which field is wrong: `text` for the UI, `message` its English. */
export type InspectResult =
  | { readonly ok: true; readonly model: ModelDescriptor }
  | { readonly ok: false; readonly field: CustomModelField; readonly message: string; readonly text: CustomModelText };

/** A refusal of `field` for the reason `text`. */
export function refusal(field: CustomModelField, text: CustomModelText): InspectResult & { readonly ok: false } {
  return { ok: false, field, message: englishText(text), text };
}

export interface InspectDeps {
  readonly fetch: (url: string, init?: RequestInit) => Promise<Response>;
  /** null while the GPU has not been probed: the f16 check is then left to load time. */
  readonly gpu: { readonly shaderF16: boolean } | null;
  readonly online?: boolean;
  readonly signal?: AbortSignal;
  /** True when the app's Content-Security-Policy would refuse to fetch this URL (a host it does not list). */
  readonly blockedByPolicy?: (url: string) => boolean;
}

const MAX_CONFIG_BYTES = 1024 * 1024;
const MAX_NAME_LENGTH = 120;

class CheckFailed extends Error {
  constructor(
    readonly field: CustomModelField,
    readonly text: CustomModelText,
  ) {
    super(englishText(text));
  }
}

/** What a request fetched: a file by name, or the model library. */
type What = Text<'models.add.what.file' | 'models.add.what.library'>;
const file = (name: string): What => ({ key: 'models.add.what.file', params: { file: name } });
const LIBRARY: What = { key: 'models.add.what.library' };

export function parseHttpUrl(raw: string): URL | null {
  const text = raw.trim();
  if (!text) return null;
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/**
 * Where the weights live, as WebLLM wants it. Accepts what people paste: a Hugging Face repository page,
 * a `tree/main` or `blob/main/…` link, or a direct link to mlc-chat-config.json.
 */
export function normalizeWeightsUrl(url: URL): string {
  const copy = new URL(url.href);
  copy.search = '';
  copy.hash = '';
  let path = copy.pathname.replace(new RegExp(`/${CHAT_CONFIG_FILE.replace('.', '\\.')}$`), '/');
  if (copy.hostname === 'huggingface.co') {
    const hf = /^\/([^/]+)\/([^/]+)(?:\/(?:tree|blob|resolve)\/([^/]+)(\/.*)?)?$/.exec(path);
    if (hf) {
      const [, org, repo, branch = 'main', sub = '/'] = hf;
      const folder = sub.replace(/\/+$/, '');
      path = branch === 'main' && !folder ? `/${org}/${repo}` : `/${org}/${repo}/resolve/${branch}${folder}/`;
    }
  }
  copy.pathname = path.replace(/\/+$/, '') || '/';
  return copy.href.replace(/\/$/, '');
}

/** Library links people copy from a repository page point at HTML; use the raw file instead. */
export function normalizeLibUrl(url: URL): string {
  const github = /^\/([^/]+)\/([^/]+)\/blob\/(.+)$/.exec(url.pathname);
  if (url.hostname === 'github.com' && github) return `https://raw.githubusercontent.com/${github[1]}/${github[2]}/${github[3]}`;
  if (url.hostname === 'huggingface.co') return url.href.replace('/blob/', '/resolve/');
  return url.href;
}

/** The repository or folder name: "…/mlc-ai/Qwen2-0.5B-Instruct-q4f32_1-MLC" -> "Qwen2-0.5B-Instruct-q4f32_1-MLC". */
export function modelIdFromUrl(weightsUrl: string): string {
  const path = new URL(weightsUrl).pathname.replace(/\/resolve\/[^/]+.*$/, '');
  const last = path.split('/').filter(Boolean).at(-1);
  return last ? decodeURIComponent(last) : new URL(weightsUrl).host;
}

export interface ChatConfigFacts {
  readonly quantization: string;
  readonly contextWindow: number | null;
  readonly needsShaderF16: boolean;
}

/** What an mlc-chat-config.json says about the model; throws ManifestError when it is not one. */
export function readChatConfig(json: unknown): ChatConfigFacts {
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    throw new ManifestError({ key: 'models.manifest.notObject' });
  }
  const config = json as Record<string, unknown>;
  if (config.conv_template === undefined || config.conv_template === null) {
    throw new ManifestError({ key: 'models.manifest.noTemplate' });
  }
  tokenizerFileOf(config);
  const quantization = typeof config.quantization === 'string' && /^q\d/.test(config.quantization) ? config.quantization : 'unknown';
  const window = config.context_window_size;
  const contextWindow = typeof window === 'number' && Number.isSafeInteger(window) && window > 0 ? window : null;
  return { quantization, contextWindow, needsShaderF16: quantizationNeedsShaderF16(quantization) };
}

async function request(deps: InspectDeps, url: string, field: CustomModelField, what: What): Promise<Response> {
  let response: Response;
  if (deps.blockedByPolicy?.(url)) {
    // Said before fetching: the browser's refusal would look like a network or CORS failure.
    throw new CheckFailed(field, { key: 'models.add.blocked', params: { host: new URL(url).host, what } });
  }
  try {
    response = await deps.fetch(url, { signal: deps.signal ?? null, credentials: 'omit' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const host = new URL(url).host;
    throw new CheckFailed(field, { key: deps.online === false ? 'models.add.offline' : 'models.add.unreachable', params: { what, host } });
  }
  if (!response.ok) {
    const status = response.status;
    void response.body?.cancel().catch(() => undefined);
    const text: CustomModelText =
      status === 404
        ? { key: 'models.add.notFound', params: { what, url } }
        : status === 401 || status === 403
          ? { key: 'models.add.refused', params: { what, status: String(status) } }
          : { key: 'models.add.httpStatus', params: { what, status: String(status), url } };
    throw new CheckFailed(field, text);
  }
  return response;
}

/** Reads at most `limit` bytes of a body, then stops the transfer. */
async function readPrefix(response: Response, limit: number): Promise<Uint8Array> {
  if (!response.body) return new Uint8Array(await response.arrayBuffer()).slice(0, limit);
  const reader = response.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  try {
    while (size < limit) {
      const { done, value } = await reader.read();
      if (done) break;
      chunks.push(value);
      size += value.byteLength;
    }
  } finally {
    void reader.cancel().catch(() => undefined);
  }
  const out = new Uint8Array(Math.min(size, limit));
  let offset = 0;
  for (const chunk of chunks) {
    if (offset >= out.length) break;
    out.set(chunk.subarray(0, out.length - offset), offset);
    offset += chunk.byteLength;
  }
  return out;
}

async function readJson(response: Response, field: CustomModelField, notMlc: CustomModelText): Promise<unknown> {
  const bytes = await readPrefix(response, MAX_CONFIG_BYTES + 1);
  if (bytes.length > MAX_CONFIG_BYTES) throw new CheckFailed(field, notMlc);
  try {
    return JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new CheckFailed(field, notMlc);
  }
}

/** Runs a parser of MLC files; its ManifestError becomes the "not MLC weights" message for the form. */
function asMlc<T>(parse: () => T): T {
  try {
    return parse();
  } catch (err) {
    if (err instanceof ManifestError) throw new CheckFailed('weightsUrl', { key: 'models.add.notMlc', params: { reason: err.text } });
    throw err;
  }
}

async function checkWeights(base: string, deps: InspectDeps): Promise<{ facts: ChatConfigFacts; bytes: number }> {
  const notMlc: CustomModelText = { key: 'models.add.notMlc', params: { reason: { key: 'models.add.notChatConfig' } } };
  const config = await readJson(await request(deps, base + CHAT_CONFIG_FILE, 'weightsUrl', file(CHAT_CONFIG_FILE)), 'weightsUrl', notMlc);
  const facts = asMlc(() => readChatConfig(config));
  if (facts.needsShaderF16 && deps.gpu && !deps.gpu.shaderF16) {
    throw new CheckFailed('weightsUrl', { key: 'models.add.needsF16', params: { quantization: facts.quantization } });
  }
  for (const name of MANIFEST_FILES) {
    const response = await request(deps, base + name, 'weightsUrl', file(name)).catch((err: unknown) => {
      if (err instanceof CheckFailed) return null; // try the other name
      throw err;
    });
    if (!response) continue;
    const manifestJson = await readJson(response, 'weightsUrl', {
      key: 'models.add.notMlc',
      params: { reason: { key: 'models.manifest.notJson', params: { file: name } } },
    });
    return { facts, bytes: asMlc(() => parseWeightManifest(manifestJson, base)).totalBytes };
  }
  throw new CheckFailed('weightsUrl', { key: 'models.add.notMlc', params: { reason: { key: 'models.add.noManifest' } } });
}

async function checkLibrary(libUrl: string, deps: InspectDeps): Promise<void> {
  const response = await request(deps, libUrl, 'libUrl', LIBRARY);
  const head = await readPrefix(response, 8);
  if (!isWasm(head)) {
    const type = response.headers.get('content-type')?.split(';')[0];
    throw new CheckFailed('libUrl', type ? { key: 'models.add.notWasmType', params: { type } } : { key: 'models.add.notWasm' });
  }
}

/** Checks a person's input and, when it all holds, returns the model to save. Nothing is stored here. */
export async function inspectCustomModel(input: CustomModelInput, deps: InspectDeps): Promise<InspectResult> {
  const weights = parseHttpUrl(input.weightsUrl);
  if (!weights) return refusal('weightsUrl', { key: 'models.add.enterWeights' });
  const lib = parseHttpUrl(input.libUrl);
  if (!lib) return refusal('libUrl', { key: 'models.add.enterLib' });
  if (input.name.length > MAX_NAME_LENGTH) return refusal('name', { key: 'models.add.nameTooLong', params: { max: MAX_NAME_LENGTH } });

  const modelUrl = normalizeWeightsUrl(weights);
  const libUrl = normalizeLibUrl(lib);
  try {
    const { facts, bytes } = await checkWeights(resolveModelBase(modelUrl), deps);
    await checkLibrary(libUrl, deps);
    const id = modelIdFromUrl(modelUrl);
    const name = input.name.trim().replace(/\s+/g, ' ') || displayName(id);
    return {
      ok: true,
      model: {
        id,
        name,
        modelUrl,
        libUrl,
        quantization: facts.quantization,
        needsShaderF16: facts.needsShaderF16,
        contextWindow: facts.contextWindow,
        vramMB: null,
        downloadBytesEstimate: bytes,
        params: paramsOf(id),
        source: 'custom',
      },
    };
  } catch (err) {
    if (err instanceof CheckFailed) return refusal(err.field, err.text);
    throw err;
  }
}

/** A model id that does not clash with one already listed (two repos may share a folder name). */
export function uniqueModelId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}
