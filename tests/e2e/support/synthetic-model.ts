/**
 * Writes a small MLC-format model for the download tests: mlc-chat-config.json, tokenizer.json,
 * tensor-cache.json and shards of deterministic bytes, plus a model library that is real WebAssembly but
 * built against an import the WebLLM runtime does not provide, as a library for another version would be.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface SyntheticModel {
  /** Path under the server root, e.g. "/models/tiny" (WebLLM appends resolve/main/). */
  readonly path: string;
  readonly libPath: string;
  readonly shardFiles: readonly string[];
  readonly totalBytes: number;
}

/** (module (import "env" "__private_chat_test_missing_runtime_fn" (func))) */
export function incompatibleLibrary(): Uint8Array {
  const field = new TextEncoder().encode('__private_chat_test_missing_runtime_fn');
  const importBody = [0x01, 0x03, 0x65, 0x6e, 0x76, field.length, ...field, 0x00, 0x00];
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x04, 0x01, 0x60, 0x00, 0x00, 0x02, importBody.length, ...importBody]);
}

export function writeSyntheticModel(root: string, name: string, { shards = 8, shardBytes = 2 * 1024 * 1024 } = {}): SyntheticModel {
  const dir = join(root, 'models', name, 'resolve', 'main');
  mkdirSync(dir, { recursive: true });
  const shardFiles: string[] = [];
  const records = [];
  let seed = 12345;
  for (let i = 0; i < shards; i++) {
    const bytes = new Uint8Array(shardBytes);
    for (let j = 0; j < bytes.length; j++) {
      seed = (seed * 1103515245 + 12345) >>> 0;
      bytes[j] = seed >>> 24;
    }
    const file = `params_shard_${i}.bin`;
    writeFileSync(join(dir, file), bytes);
    shardFiles.push(file);
    records.push({
      dataPath: file,
      format: 'raw-shard',
      nbytes: shardBytes,
      md5sum: '',
      records: [{ name: `param_${i}`, shape: [shardBytes / 4], dtype: 'uint32', format: 'f32-to-bf16', nbytes: shardBytes, byteOffset: 0 }],
    });
  }
  const manifest = JSON.stringify({ metadata: { ParamSize: shards, ParamBytes: shards * shardBytes, BitsPerParam: 4.5 }, records });
  writeFileSync(join(dir, 'tensor-cache.json'), manifest);
  writeFileSync(join(dir, 'ndarray-cache.json'), manifest);
  writeFileSync(
    join(dir, 'mlc-chat-config.json'),
    JSON.stringify({
      model_type: 'qwen2',
      quantization: 'q4f32_1',
      context_window_size: 1024,
      prefill_chunk_size: 1024,
      vocab_size: 300,
      tokenizer_files: ['tokenizer.json'],
      conv_template: { name: 'chatml', system_template: '<|im_start|>system\n{system_message}<|im_end|>\n', system_message: '', roles: { user: '<|im_start|>user', assistant: '<|im_start|>assistant' }, seps: ['<|im_end|>\n'], role_content_sep: '\n', role_empty_sep: '\n', stop_str: ['<|im_end|>'], stop_token_ids: [2] },
    }),
  );
  const vocab = Object.fromEntries(Array.from({ length: 256 }, (_, i) => [`<0x${i.toString(16).padStart(2, '0').toUpperCase()}>`, i]));
  writeFileSync(join(dir, 'tokenizer.json'), JSON.stringify({ version: '1.0', model: { type: 'BPE', vocab, merges: [] }, added_tokens: [] }));
  const libPath = `/libs/${name}-incompatible-webgpu.wasm`;
  mkdirSync(join(root, 'libs'), { recursive: true });
  writeFileSync(join(root, libPath), incompatibleLibrary());
  const totalBytes = shards * shardBytes;
  return { path: `/models/${name}`, libPath, shardFiles, totalBytes };
}
