/**
 * "Install app": offered only when the browser says the app can be installed (Chromium's beforeinstallprompt),
 * hidden once it runs installed. Other browsers install from their own menus (Safari: Share -> Add to Home
 * Screen), which the app cannot trigger.
 */

/** Chromium's event (not in the DOM typings). */
interface BeforeInstallPromptEvent extends Event {
  prompt(): Promise<void>;
  readonly userChoice: Promise<{ readonly outcome: 'accepted' | 'dismissed' }>;
}

export type InstallOutcome = 'accepted' | 'dismissed' | 'unavailable';

export class InstallState {
  #prompt = $state.raw<BeforeInstallPromptEvent | null>(null);
  #installed = $state(false);

  constructor(win: Window | undefined = typeof window === 'undefined' ? undefined : window) {
    if (!win) return;
    this.#installed = win.matchMedia?.('(display-mode: standalone)').matches ?? false;
    win.addEventListener('beforeinstallprompt', (event) => {
      // The app offers its own "Install" entry instead of the browser's mini-infobar.
      event.preventDefault();
      this.#prompt = event as BeforeInstallPromptEvent;
    });
    win.addEventListener('appinstalled', () => {
      this.#prompt = null;
      this.#installed = true;
    });
  }

  get canInstall(): boolean {
    return this.#prompt !== null && !this.#installed;
  }
  get installed(): boolean {
    return this.#installed;
  }

  async install(): Promise<InstallOutcome> {
    const prompt = this.#prompt;
    if (!prompt) return 'unavailable';
    // The event can be used once; the browser fires a new one if the person may be asked again.
    this.#prompt = null;
    await prompt.prompt();
    const { outcome } = await prompt.userChoice;
    return outcome;
  }
}
