/**
 * What a person without WebGPU can do about it, from why the probe failed and which browser they use.
 * Shown on the first screen, so the problem is clear before they choose and download anything.
 */

/** Why no GPU was offered: no API on an insecure page, no API at all, an API with no adapter, or a failure. */
export type NoWebGpuReason = 'insecure-context' | 'no-api' | 'no-adapter' | 'probe-failed';

export interface WebGpuAdvice {
  readonly headline: string;
  readonly steps: readonly string[];
}

type Browser = 'firefox' | 'safari' | 'chromium' | 'other';

function browserOf(userAgent: string): Browser {
  if (/Firefox\//.test(userAgent)) return 'firefox';
  if (/(Chrome|Chromium|Edg)\//.test(userAgent)) return 'chromium';
  if (/Safari\//.test(userAgent)) return 'safari';
  return 'other';
}

const isLinuxDesktop = (userAgent: string) => /Linux/.test(userAgent) && !/Android|CrOS/.test(userAgent);

const MODERN_BROWSERS = 'Use a browser with WebGPU: Chrome or Edge 113 or newer on Windows, macOS or ChromeOS, Chrome 121+ on Android, Safari 26, or Firefox 141+ on Windows.';
const HARDWARE_ACCELERATION = 'Turn on hardware acceleration (in Chrome or Edge: Settings › System › “Use graphics acceleration when available”) and restart the browser.';
const DRIVER = 'Update the graphics driver: browsers withhold WebGPU from GPUs and drivers they block (chrome://gpu says why).';
const LINUX_FLAG = 'On Linux, Chrome and Edge offer WebGPU only when it is switched on: open chrome://flags/#enable-unsafe-webgpu, choose Enabled, and restart the browser.';
const OTHER_DEVICE = 'Or open this app on another device: a recent laptop, desktop or phone.';

export function webgpuAdvice(reason: NoWebGpuReason, userAgent: string): WebGpuAdvice {
  const browser = browserOf(userAgent);
  switch (reason) {
    case 'insecure-context':
      return {
        headline: 'This page is not a secure context, and browsers offer WebGPU only to secure pages.',
        steps: ['Open the app over https://, or on localhost or 127.0.0.1.', OTHER_DEVICE],
      };
    case 'no-api': {
      const first =
        browser === 'firefox'
          ? 'Firefox offers WebGPU on Windows from version 141. On other systems use Chrome or Edge, or try setting dom.webgpu.enabled in about:config.'
          : browser === 'safari'
            ? 'Safari offers WebGPU from version 26 (macOS 26, iOS 26): update it, or use Chrome or Edge.'
            : MODERN_BROWSERS;
      return { headline: 'This browser has no WebGPU, which the app needs to run a model on your GPU.', steps: [first, OTHER_DEVICE] };
    }
    case 'no-adapter':
    case 'probe-failed': {
      const steps = [HARDWARE_ACCELERATION, DRIVER, OTHER_DEVICE];
      if (browser === 'chromium' && isLinuxDesktop(userAgent)) steps.unshift(LINUX_FLAG);
      if (browser === 'firefox' || browser === 'safari' || browser === 'other') steps.unshift(MODERN_BROWSERS);
      return { headline: 'This browser supports WebGPU but did not offer the app a GPU.', steps };
    }
  }
}
