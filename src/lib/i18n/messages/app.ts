/** Installing, offline, updates, and the database being upgraded by another tab. */
import type { Catalog } from '../translate';

export const en = {
  'app.update.available': 'A new version of Private Chat is ready.',
  'app.update.apply': 'Update now',
  'app.update.later': 'Later',
  'app.update.waiting': 'Updating as soon as the reply being written is finished…',
  'app.update.cancel': 'Not now',
  'app.stale.updatedElsewhere': 'Private Chat was updated in another tab. Reload to use the new version.',
  'app.stale.databaseUpgraded': 'Private Chat was updated in another tab, so this tab stopped saving. Reload to continue: your conversations are safe.',
  'app.stale.databaseDeleted': "This app's data was deleted in another tab, so this tab stopped saving. Reload to start again.",
  'app.stale.reload': 'Reload',
  'app.offlineReady': 'Private Chat now works offline: the app is saved on this device.',
  'app.dismiss': 'Dismiss',
  'app.install': 'Install app',
  'app.installTitle': 'Install Private Chat as an app: its own window, and it opens without a network',
  'app.partLoadFailed': 'This part of the app could not be loaded. Check the connection, then reload the page.',
} as const satisfies Catalog;
