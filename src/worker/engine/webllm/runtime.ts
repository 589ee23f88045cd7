/**
 * What differs between the WebLLM runtimes this code meets (0.2.86 in the app; an older one in the real-engine
 * test tier), detected from the bundle rather than assumed.
 */
import * as webllm from '@mlc-ai/web-llm';
import { LEGACY_MANIFEST_FILE } from '../../../lib/models/cache-conventions';

/**
 * 0.2.80+ reads tensor-cache.json and exports the name; older runtimes read ndarray-cache.json and do not
 * export it. Looked up dynamically so a build against the older runtime has no missing import.
 */
export const MANIFEST_NAME: string = (Reflect.get(webllm, 'TENSOR_CACHE_MANIFEST_FILENAME') as string | undefined) ?? LEGACY_MANIFEST_FILE;
