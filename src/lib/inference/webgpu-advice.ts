/**
 * What a person without WebGPU can do about it, from why the probe failed and which browser they use.
 * Shown on the first screen, so the problem is clear before they choose and download anything. The advice is
 * message keys (errors.webgpu.*): the UI shows it in its language.
 */
import type { KeysOf } from '../i18n/text';

/** Why no GPU was offered: no API on an insecure page, no API at all, an API with no adapter, or a failure. */
export type NoWebGpuReason = 'insecure-context' | 'no-api' | 'no-adapter' | 'probe-failed';

/** A sentence of the advice: a message of the errors catalog, translated by the UI. */
export type WebGpuAdviceKey = KeysOf<'errors.webgpu.'>;

export interface WebGpuAdvice {
  readonly headline: WebGpuAdviceKey;
  readonly steps: readonly WebGpuAdviceKey[];
}

type Browser = 'firefox' | 'safari' | 'chromium' | 'other';

function browserOf(userAgent: string): Browser {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/(Chrome|Chromium|Edg)\//.test(userAgent)) return 'chromium';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

const isLinuxDesktop = (userAgent: string) => /Linux/.test(userAgent) && !/Android|CrOS/.test(userAgent);

export function webgpuAdvice(reason: NoWebGpuReason, userAgent: string): WebGpuAdvice {
  const browser = browserOf(userAgent);
  switch (reason) {
    case 'insecure-context':
      return { headline: 'errors.webgpu.insecureHeadline', steps: ['errors.webgpu.useHttps', 'errors.webgpu.otherDevice'] };
    case 'no-api': {
      const first: WebGpuAdviceKey =
        browser === 'firefox' ? 'errors.webgpu.firefox' : browser === 'safari' ? 'errors.webgpu.safari' : 'errors.webgpu.modernBrowsers';
      return { headline: 'errors.webgpu.noApiHeadline', steps: [first, 'errors.webgpu.otherDevice'] };
    }
    case 'no-adapter':
    case 'probe-failed': {
      const steps: WebGpuAdviceKey[] = ['errors.webgpu.hardwareAcceleration', 'errors.webgpu.driver', 'errors.webgpu.otherDevice'];
      if (browser === 'chromium' && isLinuxDesktop(userAgent)) steps.unshift('errors.webgpu.linuxFlag');
      if (browser === 'firefox' || browser === 'safari' || browser === 'other') steps.unshift('errors.webgpu.modernBrowsers');
      return { headline: 'errors.webgpu.noAdapterHeadline', steps };
    }
  }
}
