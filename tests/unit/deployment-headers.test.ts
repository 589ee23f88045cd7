import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { headersFile } from '../../src/lib/models/content-security-policy';

const HEADERS_FILE = new URL('../../public/_headers', import.meta.url);

describe('deployment headers', () => {
  it('public/_headers (static hosts) carries the same policy and headers as npm start', () => {
    // WRITE_HEADERS_FILE=1 npx vitest run tests/unit/deployment-headers rewrites it after a policy change.
    if (process.env.WRITE_HEADERS_FILE) writeFileSync(HEADERS_FILE, headersFile());
    expect(readFileSync(HEADERS_FILE, 'utf8')).toBe(headersFile());
  });
});
