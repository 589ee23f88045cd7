/**
 * Loading a model goes through phases a person should see by name. The app downloads files itself (exact
 * bytes), then WebLLM reports GPU upload and shader compilation only as free text; this maps that text.
 */
import type { KeysOf } from '../i18n/text';

export type LoadPhase = 'preparing' | 'downloading' | 'loading' | 'compiling' | 'ready';

export interface LoadProgress {
  readonly phase: LoadPhase;
  /** 0..1 within the current phase, or null when the phase gives no measure. */
  readonly fraction: number | null;
  readonly loadedBytes?: number;
  readonly totalBytes?: number;
  readonly filesDone?: number;
  readonly filesTotal?: number;
  /** Bytes per second over the download so far. */
  readonly bytesPerSecond?: number;
}

export interface WebLlmInitReport {
  readonly progress: number;
  readonly timeElapsed: number;
  readonly text: string;
}

const STEP = /\[(\d+)\/(\d+)\]/;

export function parseInitReport(report: WebLlmInitReport): LoadProgress {
  const { text } = report;
  const fraction = clampFraction(report.progress);
  const step = STEP.exec(text);
  const files = step ? { filesDone: Number(step[1]), filesTotal: Number(step[2]) } : {};
  if (/^Finish loading/i.test(text)) return { phase: 'ready', fraction: 1 };
  if (/^Loading GPU shader modules/i.test(text)) return { phase: 'compiling', fraction, ...files };
  if (/^Loading model from cache/i.test(text)) return { phase: 'loading', fraction, ...files };
  // The app has downloaded every file before WebLLM starts, so its "start" is the start of loading to the GPU.
  if (/^Start to fetch params/i.test(text)) return { phase: 'loading', fraction: 0 };
  if (/^Fetching param cache/i.test(text)) return { phase: 'downloading', fraction, ...files };
  return { phase: 'preparing', fraction: null };
}

function clampFraction(value: number): number | null {
  if (!Number.isFinite(value)) return null;
  return Math.min(1, Math.max(0, value));
}

/** Each phase's name: a message key (models.phase.*), shown as `t(PHASE_LABEL[phase])`. */
export const PHASE_LABEL = {
  preparing: 'models.phase.preparing',
  downloading: 'models.phase.downloading',
  loading: 'models.phase.loading',
  compiling: 'models.phase.compiling',
  ready: 'models.phase.ready',
} as const satisfies Record<LoadPhase, KeysOf<'models.phase.'>>;
