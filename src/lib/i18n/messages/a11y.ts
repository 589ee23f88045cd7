/** Words only screen readers hear: announcements of replies and states. */
import type { Catalog } from '../translate';

export const en = {
  'a11y.replyStarted': 'Writing a reply…',
  'a11y.replyFinished': 'Reply finished',
  'a11y.replyStopped': 'Reply stopped',
  'a11y.replyFailed': 'The reply failed',
  /** A code block in a reply read aloud: named, not spelled out. */
  'a11y.codeBlock': { one: 'Code block, {count} line', other: 'Code block, {count} lines' },
  'a11y.codeBlockIn': { one: 'Code block in {language}, {count} line', other: 'Code block in {language}, {count} lines' },
} as const satisfies Catalog;
