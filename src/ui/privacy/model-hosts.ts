/** The hosts the privacy page names: the policy's model hosts, then those this build added (PRIVATE_CHAT_MODEL_HOSTS). */
import { MODEL_HOSTS } from '../../lib/models/content-security-policy';

declare const __PRIVATE_CHAT_MODEL_HOSTS__: string[] | undefined;

export type HostKind = 'huggingface' | 'github' | 'extra';

export interface NamedHost {
  readonly origin: string;
  readonly kind: HostKind;
}

const EXTRA: readonly string[] = typeof __PRIVATE_CHAT_MODEL_HOSTS__ === 'undefined' ? [] : __PRIVATE_CHAT_MODEL_HOSTS__;

function kindOf(origin: string): HostKind {
  if (/huggingface\.co$|hf\.co$/.test(origin)) return 'huggingface';
  if (/githubusercontent\.com$/.test(origin)) return 'github';
  return 'extra';
}

export const MODEL_HOSTS_NAMED: readonly NamedHost[] = [
  ...MODEL_HOSTS.map((origin) => ({ origin, kind: kindOf(origin) })),
  ...EXTRA.filter((origin) => !(MODEL_HOSTS as readonly string[]).includes(origin)).map((origin) => ({ origin, kind: 'extra' as const })),
];
