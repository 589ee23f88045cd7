/** Path of the Chromium the tests drive ($CHROMIUM_PATH or Debian's /usr/bin/chromium). */
export declare const CHROMIUM: string;
/** Throws with the install command when Chromium is missing; returns its version line. */
export declare function requireChromium(): string;
