// Unit tests translate into every language synchronously: load the ones that are their own chunks first, and
// the English of every part that loads later.
import { loadLocale, loadMessages, LOCALES, MESSAGE_PARTS } from '../../src/lib/i18n';

await Promise.all([...LOCALES.map((locale) => loadLocale(locale)), loadMessages(...MESSAGE_PARTS)]);
