/** Entry of the dedicated engine worker: one real WebLLM engine behind the typed EngineApi. */
import { exposeEngine } from './expose-engine';
import { createWebLlmEngine } from './webllm/webllm-engine';

exposeEngine(createWebLlmEngine());
