import * as fs from 'node:fs';
import * as path from 'node:path';
import type { LockedRuleFile } from './rules-lock';
import { VendorError } from './vendor-error';

/** The bytes of one locked file and where they came from (a URL or a path, for messages). */
export interface FetchedRuleFile {
  readonly bytes: Buffer;
  readonly origin: string;
}

/** Upper bound for one download; the largest upstream file is ~100 KB. */
const DOWNLOAD_TIMEOUT_MS = 60_000;

const isUrl = (s: string): boolean => /^https?:\/\//i.test(s);

/**
 * Where `file` is read from: its own locked URL when `from` is absent, `from` + file name when
 * `from` is an http(s) URL base (a mirror), or `from/<name>` when `from` is a directory.
 */
export function sourceOf(file: LockedRuleFile, from: string | undefined, cwd: string): string {
  if (from === undefined) return file.url;
  if (isUrl(from)) return `${from.endsWith('/') ? from : `${from}/`}${encodeURIComponent(file.name)}`;
  return path.resolve(cwd, from, file.name);
}

/** Reads one locked file from its source; failures are `VendorError`s naming the file and the source. */
export async function fetchRuleFile(file: LockedRuleFile, from: string | undefined, cwd: string): Promise<FetchedRuleFile> {
  const origin = sourceOf(file, from, cwd);
  if (isUrl(origin)) return { bytes: await download(file.name, origin), origin };
  try {
    return { bytes: fs.readFileSync(origin), origin };
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VendorError({ subject: file.name, problem: `not found in ${from}: no file ${origin}` });
    throw new VendorError({ subject: file.name, problem: `cannot read ${origin}: ${(e as Error).message}` });
  }
}

async function download(name: string, url: string): Promise<Buffer> {
  let response: Response;
  try {
    // Node's built-in fetch follows redirects (raw.githubusercontent.com may redirect) and speaks https.
    response = await fetch(url, { redirect: 'follow', signal: AbortSignal.timeout(DOWNLOAD_TIMEOUT_MS) });
  } catch (e) {
    const cause = (e as { cause?: { code?: string; message?: string } }).cause;
    const why = cause?.code ?? cause?.message ?? (e as Error).message;
    throw new VendorError({
      subject: name,
      problem: `download failed from ${url}: ${why}`,
      fix: 'check the network, or vendor from a local copy or mirror with --from DIR|URL',
    });
  }
  if (!response.ok) {
    // Drain the body so the connection is released before we give up.
    await response.arrayBuffer().catch(() => undefined);
    throw new VendorError({
      subject: name,
      problem: `download failed from ${url}: HTTP ${response.status}${response.statusText ? ` ${response.statusText}` : ''}`,
    });
  }
  try {
    return Buffer.from(await response.arrayBuffer());
  } catch (e) {
    throw new VendorError({ subject: name, problem: `download from ${url} was interrupted: ${(e as Error).message}` });
  }
}
