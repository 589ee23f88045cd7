import { describe, expect, it } from 'vitest';
import { translator } from '../i18n';
import { webgpuAdvice as keysOf, type NoWebGpuReason } from './webgpu-advice';

const en = translator('en');
const zh = translator('zh-CN');
/** The advice as an English reader sees it. */
const webgpuAdvice = (reason: NoWebGpuReason, userAgent: string) => {
  const advice = keysOf(reason, userAgent);
  return { headline: en(advice.headline), steps: advice.steps.map((step) => en(step)) };
};

const LINUX_CHROME = 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36';
const WINDOWS_EDGE = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Safari/537.36 Edg/150.0.0.0';
const ANDROID_CHROME = 'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/150.0.0.0 Mobile Safari/537.36';
const MAC_SAFARI = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.6 Safari/605.1.15';
const LINUX_FIREFOX = 'Mozilla/5.0 (X11; Linux x86_64; rv:140.0) Gecko/20100101 Firefox/140.0';

describe('what to do without WebGPU', () => {
  it('points an insecure page to https or localhost, whatever the browser', () => {
    const advice = webgpuAdvice('insecure-context', LINUX_CHROME);
    expect(advice.headline).toMatch(/secure/);
    expect(advice.steps[0]).toMatch(/https:\/\/.*localhost/);
  });

  it('names the flag for Chrome on desktop Linux only', () => {
    expect(webgpuAdvice('no-adapter', LINUX_CHROME).steps[0]).toMatch(/chrome:\/\/flags\/#enable-unsafe-webgpu/);
    for (const ua of [WINDOWS_EDGE, ANDROID_CHROME]) {
      const steps = webgpuAdvice('no-adapter', ua).steps;
      expect(steps.join(' ')).not.toMatch(/flags/);
      expect(steps[0]).toMatch(/hardware acceleration/);
    }
  });

  it('sends browsers without the API to one that has it, by name', () => {
    expect(webgpuAdvice('no-api', LINUX_FIREFOX).steps[0]).toMatch(/Firefox offers WebGPU on Windows/);
    expect(webgpuAdvice('no-api', MAC_SAFARI).steps[0]).toMatch(/Safari offers WebGPU from version 26/);
    expect(webgpuAdvice('no-api', WINDOWS_EDGE).steps[0]).toMatch(/Chrome or Edge 113/);
  });

  it('always ends with another device as a way out', () => {
    for (const reason of ['insecure-context', 'no-api', 'no-adapter', 'probe-failed'] as const) {
      expect(webgpuAdvice(reason, LINUX_CHROME).steps.at(-1)).toMatch(/another device/);
    }
  });

  it('is said in Chinese too, for every reason and browser', () => {
    for (const reason of ['insecure-context', 'no-api', 'no-adapter', 'probe-failed'] as const) {
      for (const ua of [LINUX_CHROME, WINDOWS_EDGE, ANDROID_CHROME, MAC_SAFARI, LINUX_FIREFOX]) {
        const advice = keysOf(reason, ua);
        for (const key of [advice.headline, ...advice.steps]) expect(zh(key)).toMatch(/[\u4e00-\u9fff]/);
      }
    }
  });
});
