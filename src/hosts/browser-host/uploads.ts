// PUT /upload: streams a dropped file to a fresh file under the uploads dir, then opens it like any host path.
import { createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { HostService, LoadOptions } from '../../shared/app-api.js';
import { refuse } from './auth.js';

/**
 * A base name safe on every filesystem we run on: no directories, no leading dots, no control or
 * reserved characters, at most 200 characters; '' when nothing is left.
 */
export function safeFileName(name: string): string {
  const base = name.split(/[/\\]/).pop() ?? '';
  const cleaned = base.replace(/[\u0000-\u001f\u007f<>:"|?*]/g, '_').replace(/^[.\s]+/, '').trim();
  return cleaned.slice(0, 200);
}

/** Streams the body (never buffered whole) and answers `{ ids }` from service.openPaths. */
export async function handleUpload(
  req: IncomingMessage, res: ServerResponse, url: URL, uploadsDir: string, service: HostService, headers: Record<string, string>,
): Promise<void> {
  if (req.method !== 'PUT') return refuse(res, 405, 'use PUT');
  const name = safeFileName(url.searchParams.get('name') ?? '');
  if (name === '') return refuse(res, 400, 'missing or unusable ?name=');
  const options: LoadOptions = url.searchParams.has('dtype') ? { dtype: url.searchParams.get('dtype')! } : {};
  await mkdir(uploadsDir, { recursive: true });
  // A directory per upload keeps the user's file name (the dataset's display name) without clashes.
  const dir = await mkdtemp(join(uploadsDir, 'upload-'));
  const path = join(dir, name);
  try {
    await pipeline(req, createWriteStream(path, { flags: 'wx' }));
  } catch {
    await rm(dir, { recursive: true, force: true });
    if (!res.headersSent) refuse(res, 400, 'upload interrupted');
    return;
  }
  try {
    const ids = await service.openPaths([path], options);
    const body = JSON.stringify({ ids });
    res.writeHead(200, { ...headers, 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end(body);
  } catch (error) {
    await rm(dir, { recursive: true, force: true });
    refuse(res, 422, error instanceof Error ? error.message : String(error));
  }
}
