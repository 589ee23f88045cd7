/**
 * Adding a model by URL: checks what a person typed before anything is saved. The weights location must
 * serve an MLC `mlc-chat-config.json` and weights manifest, the library must be WebAssembly, and an f16
 * model needs a GPU with shader-f16. Network access is injected (`fetch`) so this stays pure and testable.
 */
import { displayName, paramsOf, quantizationNeedsShaderF16 } from './catalog';
import type { ModelDescriptor } from './model-descriptor';
import { CHAT_CONFIG_FILE, MANIFEST_FILES, resolveModelBase } from './cache-conventions';
import { ManifestError, isWasm, parseWeightManifest, tokenizerFileOf } from './model-files';

export interface CustomModelInput {
  readonly weightsUrl: string;
  readonly libUrl: string;
  readonly name: string;
}

export type CustomModelField = keyof CustomModelInput;

export type InspectResult =
  | { readonly ok: true; readonly model: ModelDescriptor }
  | { readonly ok: false; readonly field: CustomModelField; readonly message: string };

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
  constructor(readonly field: CustomModelField, message: string) {
    super(message);
  }
}

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
    throw new ManifestError('mlc-chat-config.json is not a JSON object.');
  }
  const config = json as Record<string, unknown>;
  if (config.conv_template === undefined || config.conv_template === null) {
    throw new ManifestError('mlc-chat-config.json has no conversation template (conv_template).');
  }
  tokenizerFileOf(config);
  const quantization = typeof config.quantization === 'string' && /^q\d/.test(config.quantization) ? config.quantization : 'unknown';
  const window = config.context_window_size;
  const contextWindow = typeof window === 'number' && Number.isSafeInteger(window) && window > 0 ? window : null;
  return { quantization, contextWindow, needsShaderF16: quantizationNeedsShaderF16(quantization) };
}

async function request(deps: InspectDeps, url: string, field: CustomModelField, what: string): Promise<Response> {
  let response: Response;
  if (deps.blockedByPolicy?.(url)) {
    // Said before fetching: the browser's refusal would look like a network or CORS failure.
    throw new CheckFailed(
      field,
      `This app's security policy does not allow downloads from ${new URL(url).host}, so the ${what} can't be fetched. Whoever runs this app can allow that host (PRIVATE_CHAT_MODEL_HOSTS, see the deployment notes), or serve the model from localhost.`,
    );
  }
  try {
    response = await deps.fetch(url, { signal: deps.signal ?? null, credentials: 'omit' });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    const host = new URL(url).host;
    throw new CheckFailed(
      field,
      deps.online === false
        ? `You are offline, so the ${what} at ${host} can't be checked. Connect and try again.`
        : `Couldn't fetch the ${what} from ${host}. The server is unreachable or does not allow requests from other sites (CORS); it must send Access-Control-Allow-Origin.`,
    );
  }
  if (!response.ok) {
    const status = response.status;
    void response.body?.cancel().catch(() => undefined);
    const message =
      status === 404
        ? `There is no ${what} at ${url} (HTTP 404).`
        : status === 401 || status === 403
          ? `Access to the ${what} was refused (HTTP ${status}): the repository may be private or gated.`
          : `The server answered HTTP ${status} for the ${what} (${url}).`;
    throw new CheckFailed(field, message);
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

async function readJson(response: Response, field: CustomModelField, notMlc: string): Promise<unknown> {
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
    if (err instanceof ManifestError) throw new CheckFailed('weightsUrl', `These are not MLC weights: ${err.message}`);
    throw err;
  }
}

async function checkWeights(base: string, deps: InspectDeps): Promise<{ facts: ChatConfigFacts; bytes: number }> {
  const notMlc = 'These are not MLC weights: mlc-chat-config.json is not an MLC chat config. Use a model converted with MLC LLM (on Hugging Face, the repositories ending in -MLC).';
  const config = await readJson(await request(deps, base + CHAT_CONFIG_FILE, 'weightsUrl', 'mlc-chat-config.json'), 'weightsUrl', notMlc);
  const facts = asMlc(() => readChatConfig(config));
  if (facts.needsShaderF16 && deps.gpu && !deps.gpu.shaderF16) {
    throw new CheckFailed(
      'weightsUrl',
      `This model is quantized as ${facts.quantization}, which needs the GPU feature shader-f16, and this GPU does not have it. Use the q4f32_1 build of the same model.`,
    );
  }
  for (const file of MANIFEST_FILES) {
    const response = await request(deps, base + file, 'weightsUrl', file).catch((err: unknown) => {
      if (err instanceof CheckFailed) return null; // try the other name
      throw err;
    });
    if (!response) continue;
    const manifestJson = await readJson(response, 'weightsUrl', `These are not MLC weights: ${file} is not valid JSON.`);
    return { facts, bytes: asMlc(() => parseWeightManifest(manifestJson, base)).totalBytes };
  }
  throw new CheckFailed('weightsUrl', 'These are not MLC weights: there is no tensor-cache.json or ndarray-cache.json next to mlc-chat-config.json.');
}

async function checkLibrary(libUrl: string, deps: InspectDeps): Promise<void> {
  const response = await request(deps, libUrl, 'libUrl', 'model library');
  const head = await readPrefix(response, 8);
  if (!isWasm(head)) {
    const type = response.headers.get('content-type')?.split(';')[0];
    throw new CheckFailed(
      'libUrl',
      `The model library URL does not point to a WebAssembly file${type ? ` (the server sent ${type})` : ''}. It should be the model's compiled …-webgpu.wasm.`,
    );
  }
}

/** Checks a person's input and, when it all holds, returns the model to save. Nothing is stored here. */
export async function inspectCustomModel(input: CustomModelInput, deps: InspectDeps): Promise<InspectResult> {
  const weights = parseHttpUrl(input.weightsUrl);
  if (!weights) return { ok: false, field: 'weightsUrl', message: 'Enter the web address (http:// or https://) where the model weights are, e.g. a Hugging Face repository.' };
  const lib = parseHttpUrl(input.libUrl);
  if (!lib) return { ok: false, field: 'libUrl', message: "Enter the web address (http:// or https://) of the model's compiled library (.wasm)." };
  if (input.name.length > MAX_NAME_LENGTH) return { ok: false, field: 'name', message: `Keep the name under ${MAX_NAME_LENGTH} characters.` };

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
    if (err instanceof CheckFailed) return { ok: false, field: err.field, message: err.message };
    throw err;
  }
}

/** A model id that does not clash with one already listed (two repos may share a folder name). */
export function uniqueModelId(id: string, taken: ReadonlySet<string>): string {
  if (!taken.has(id)) return id;
  for (let n = 2; ; n++) if (!taken.has(`${id}-${n}`)) return `${id}-${n}`;
}
