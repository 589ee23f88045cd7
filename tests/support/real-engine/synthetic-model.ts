/**
 * Writes a synthetic model that a real WebLLM engine loads with the committed model library: weights shaped exactly
 * as the library expects, a byte-level tokenizer covering every id, and a ChatML chat config. The files are
 * byte-identical to what the real-engine fixture's make-model.mjs writes for the same seed.
 *
 * out-dir receives resolve/main/{tensor-cache.json, ndarray-cache.json, params_shard_*.bin, tokenizer.json,
 * mlc-chat-config.json}; WebLLM appends `resolve/main/` to a model URL itself.
 */
import { CHAT_CONFIG_FILE, MANIFEST_FILES } from '../../../src/lib/models/cache-conventions';
import { closeSync, mkdirSync, openSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { ENDOFTEXT_ID, IM_END_ID } from './chatml';
import { type LibraryMetadata, readLibraryMetadataFile } from './model-library';
import { syntheticTokenizerJson } from './synthetic-tokenizer';
import { syntheticWeights } from './synthetic-weights';

export interface SyntheticModelSummary {
  /** The `resolve/main` folder. */
  readonly dir: string;
  readonly files: ReadonlyArray<{ readonly name: string; readonly bytes: number }>;
  readonly totalBytes: number;
  readonly seconds: number;
}

/** A new shard starts when the next record would take the current one past 64 MiB. */
const SHARD_BYTES = 64 * 2 ** 20;
const DEFAULT_VOCAB = 151936;

interface ShardRecord { name: string; shape: readonly number[]; dtype: string; format: string; nbytes: number; byteOffset: number }
interface Shard { dataPath: string; format: string; nbytes: number; records: ShardRecord[] }

/** Writes the weights in parameter order into params_shard_*.bin; returns the manifest's text and the shard files. */
function writeShards(meta: LibraryMetadata, seed: number, dir: string): { manifest: string; shardFiles: string[] } {
  const data = syntheticWeights(meta, seed);
  const shards: Shard[] = [];
  let shard: Shard | undefined;
  let fd = -1;
  let total = 0;
  try {
    for (const p of meta.params) {
      const a = data.get(p.name);
      if (!a) throw new Error(`no data for ${p.name}`);
      const bytes = new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
      if (!shard || (shard.nbytes + bytes.length > SHARD_BYTES && shard.records.length)) {
        if (fd >= 0) closeSync(fd);
        // Key order is the JSON's: dataPath, format, nbytes, records.
        shard = { dataPath: `params_shard_${shards.length}.bin`, format: 'raw-shard', nbytes: 0, records: [] };
        shards.push(shard);
        fd = openSync(join(dir, shard.dataPath), 'w');
      }
      for (let off = 0; off < bytes.length; ) off += writeSync(fd, bytes, off);
      shard.records.push({ name: p.name, shape: p.shape, dtype: p.dtype, format: 'raw', nbytes: bytes.length, byteOffset: shard.nbytes });
      shard.nbytes += bytes.length;
      total += bytes.length;
    }
  } finally {
    if (fd >= 0) closeSync(fd);
  }
  const manifest = JSON.stringify({ metadata: { ParamSize: meta.params.length, ParamBytes: total }, records: shards });
  return { manifest, shardFiles: shards.map((s) => s.dataPath) };
}

/** mlc-chat-config.json: the `qwen2` ChatML template with an empty system message. */
function chatConfigJson(meta: LibraryMetadata, vocabSize: number): string {
  return JSON.stringify({
    model_type: meta.modelType,
    quantization: meta.quantization,
    model_config: {},
    vocab_size: vocabSize,
    context_window_size: meta.contextWindowSize,
    sliding_window_size: -1,
    attention_sink_size: -1,
    prefill_chunk_size: meta.prefillChunkSize,
    tensor_parallel_shards: 1,
    temperature: 0.7,
    top_p: 0.8,
    repetition_penalty: 1.0,
    presence_penalty: 0,
    frequency_penalty: 0,
    tokenizer_files: ['tokenizer.json'],
    tokenizer_info: { token_postproc_method: 'byte_level', prepend_space_in_encode: false, strip_space_in_decode: false },
    conv_template: {
      name: 'qwen2',
      system_template: '<|im_start|>system\n{system_message}<|im_end|>\n',
      system_message: '',
      roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' },
      role_templates: { user: '{user_message}', assistant: '{assistant_message}', tool: '{tool_message}' },
      messages: [],
      seps: ['<|im_end|>\n'],
      role_content_sep: '\n',
      role_empty_sep: '\n',
      stop_str: ['<|endoftext|>', '<|im_end|>'],
      system_prefix_token_ids: null,
      stop_token_ids: [ENDOFTEXT_ID, IM_END_ID],
      add_role_after_system_message: true,
    },
    pad_token_id: ENDOFTEXT_ID,
    bos_token_id: ENDOFTEXT_ID,
    eos_token_id: [IM_END_ID, ENDOFTEXT_ID],
  });
}

/** Writes the synthetic model for `seed` under outDir/resolve/main (295 MiB for the committed library, seconds). */
export function writeSyntheticModel(libraryPath: string, outDir: string, seed = 1): SyntheticModelSummary {
  const t0 = performance.now();
  const dir = join(outDir, 'resolve', 'main');
  mkdirSync(dir, { recursive: true });
  const meta = readLibraryMetadataFile(libraryPath);
  const { manifest, shardFiles } = writeShards(meta, seed, dir);
  // The same manifest under the name each WebLLM runtime reads (the app's cache conventions list both).
  for (const name of MANIFEST_FILES) writeFileSync(join(dir, name), manifest);
  const vocabSize = meta.params.find((p) => /embed_tokens/.test(p.name))?.shape[0] ?? DEFAULT_VOCAB;
  writeFileSync(join(dir, 'tokenizer.json'), syntheticTokenizerJson(vocabSize));
  writeFileSync(join(dir, CHAT_CONFIG_FILE), chatConfigJson(meta, vocabSize));

  const names = [...shardFiles, ...MANIFEST_FILES, 'tokenizer.json', CHAT_CONFIG_FILE];
  const files = names.map((name) => ({ name, bytes: statSync(join(dir, name)).size }));
  return { dir, files, totalBytes: files.reduce((s, f) => s + f.bytes, 0), seconds: (performance.now() - t0) / 1000 };
}
