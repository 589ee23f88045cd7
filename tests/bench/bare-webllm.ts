/**
 * The engine bench's baseline: WebLLM 0.2.79 (the test tier's runtime) used directly, the way its own
 * examples do (no worker, no Comlink, no app), on the same model, prompt and settings as the app run.
 */
import { CreateMLCEngine, type InitProgressReport } from 'web-llm-v0279';

interface BareResult {
  fetchS: number;
  uploadS: number;
  compileS: number;
  loadS: number;
  promptTokens: number;
  prefillTokS: number | null;
  decodeTokS: number | null;
  text: string;
}

async function runBare(modelUrl: string, libUrl: string, prompt: string, maxTokens: number): Promise<BareResult> {
  const modelId = 'bare-bench-model';
  const t0 = performance.now();
  let uploadAt: number | null = null;
  let compileAt: number | null = null;
  const engine = await CreateMLCEngine(modelId, {
    appConfig: { model_list: [{ model: modelUrl, model_id: modelId, model_lib: libUrl }] },
    initProgressCallback: (report: InitProgressReport) => {
      if (uploadAt === null && /^Loading model from cache/.test(report.text)) uploadAt = performance.now();
      if (compileAt === null && /^Loading GPU shader modules/.test(report.text)) compileAt = performance.now();
    },
  });
  const ready = performance.now();
  const chunks = await engine.chat.completions.create({
    messages: [{ role: 'user', content: prompt }],
    temperature: 0,
    max_tokens: maxTokens,
    stream: true,
    stream_options: { include_usage: true },
  });
  let text = '';
  let usage: { prompt_tokens: number; extra?: { prefill_tokens_per_s?: number; decode_tokens_per_s?: number } } | undefined;
  for await (const chunk of chunks) {
    text += chunk.choices[0]?.delta?.content ?? '';
    if (chunk.usage) usage = chunk.usage as typeof usage;
  }
  await engine.unload();
  const up = uploadAt ?? compileAt ?? ready;
  const comp = compileAt ?? ready;
  return {
    fetchS: (up - t0) / 1000,
    uploadS: (comp - up) / 1000,
    compileS: (ready - comp) / 1000,
    loadS: (ready - t0) / 1000,
    promptTokens: usage?.prompt_tokens ?? 0,
    prefillTokS: usage?.extra?.prefill_tokens_per_s ?? null,
    decodeTokS: usage?.extra?.decode_tokens_per_s ?? null,
    text,
  };
}

(window as unknown as { runBare: typeof runBare }).runBare = runBare;
