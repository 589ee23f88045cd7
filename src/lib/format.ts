/** Human-readable sizes and durations, shared by every screen. */
const UNITS = ['B', 'KB', 'MB', 'GB', 'TB'] as const;

export function formatBytes(bytes: number | null | undefined): string {
  if (bytes === null || bytes === undefined || !Number.isFinite(bytes) || bytes < 0) return '—';
  let value = bytes;
  let unit = 0;
  while (value >= 1000 && unit < UNITS.length - 1) {
    value /= 1000;
    unit += 1;
  }
  const digits = unit === 0 || value >= 100 ? 0 : value >= 10 ? 1 : 2;
  return `${value.toFixed(digits)} ${UNITS[unit]}`;
}

/** Duration units per language: "3 min 20 s", "3 分 20 秒". Byte units (KB, MB, GB) stay Latin in both. */
const DURATION_UNITS = {
  en: { s: 's', min: 'min', h: 'h' },
  zh: { s: '秒', min: '分', h: '小时' },
} as const;

/** `locale` is the UI's language (a BCP 47 tag); any Chinese gets Chinese units, anything else English. */
export function formatDuration(seconds: number | null | undefined, locale = 'en'): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return '—';
  const u = DURATION_UNITS[locale.toLowerCase().startsWith('zh') ? 'zh' : 'en'];
  if (seconds < 60) return `${Math.ceil(seconds)} ${u.s}`;
  const m = Math.floor(seconds / 60);
  const s = Math.round(seconds % 60);
  return m < 60 ? `${m} ${u.min} ${s} ${u.s}` : `${Math.floor(m / 60)} ${u.h} ${m % 60} ${u.min}`;
}

/**
 * "12,345". Grouped by hand: the first Intl.NumberFormat (or toLocaleString) in a page initialises ICU, which
 * took 60 ms on the main thread here, at the moment a big import finished. Commas suit English and Chinese.
 */
export function formatCount(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  const [whole = '', fraction] = String(Math.abs(value)).split('.');
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return `${value < 0 ? '-' : ''}${grouped}${fraction ? `.${fraction}` : ''}`;
}
