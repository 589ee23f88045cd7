/**
 * Serves test-generated model files over HTTP on 127.0.0.1 with CORS, like a model host would, with knobs
 * for tests: a slow transfer (so progress can be watched), refused paths (404), and a request log.
 */
import { createReadStream, statSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';

export interface ModelServer {
  readonly origin: string;
  readonly requests: string[];
  /** Delay between 64 KiB chunks of files whose path matches `slow`. */
  throttle(slow: RegExp | null, chunkDelayMs?: number): void;
  /** Answer 404 for paths matching the pattern (null: serve everything). */
  refuse(pattern: RegExp | null): void;
  /** Leave out the CORS header for paths matching the pattern, as a host that forbids other sites would. */
  noCors(pattern: RegExp | null): void;
  close(): Promise<void>;
}

const CHUNK = 64 * 1024;

export async function startModelServer(root: string): Promise<ModelServer> {
  let slow: RegExp | null = null;
  let delayMs = 0;
  let refused: RegExp | null = null;
  let corsDenied: RegExp | null = null;
  const requests: string[] = [];

  const server: Server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    requests.push(path);
    if (!corsDenied?.test(path)) res.setHeader('Access-Control-Allow-Origin', '*');
    const file = normalize(join(root, path));
    let size = -1;
    try {
      size = file.startsWith(root) ? statSync(file).size : -1;
    } catch {
      size = -1;
    }
    if (size < 0 || refused?.test(path)) {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
      return;
    }
    const type = path.endsWith('.json')
      ? 'application/json'
      : path.endsWith('.wasm')
        ? 'application/wasm'
        : path.endsWith('.html')
          ? 'text/html'
          : 'application/octet-stream';
    res.writeHead(200, { 'content-type': type, 'content-length': String(size) });
    if (!slow?.test(path) || delayMs <= 0) {
      createReadStream(file).pipe(res);
      return;
    }
    const stream = createReadStream(file, { highWaterMark: CHUNK });
    stream.on('data', (chunk) => {
      stream.pause();
      res.write(chunk, () => setTimeout(() => stream.resume(), delayMs));
    });
    stream.on('end', () => res.end());
    res.on('close', () => stream.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('no server address');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    requests,
    throttle(pattern, ms = 0) {
      slow = pattern;
      delayMs = ms;
    },
    refuse(pattern) {
      refused = pattern;
    },
    noCors(pattern) {
      corsDenied = pattern;
    },
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
