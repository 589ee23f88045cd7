// Unit tests translate into every language synchronously: load the ones that are their own chunks first.
import { loadLocale, LOCALES } from '../../src/lib/i18n';

await Promise.all(LOCALES.map((locale) => loadLocale(locale)));
