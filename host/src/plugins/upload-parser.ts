import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { randomBytes } from 'node:crypto';
import busboy from 'busboy';
import type { Next } from 'koa';
import type { PageContext } from '../web/page-guards.js';

/** Largest plugin archive the "Manage apps" page accepts, in bytes. */
export const maxUploadBytes = 50 * 1024 * 1024;

/** An uploaded file, saved to a temporary file that the route deletes when done. */
export interface UploadedFile {
  readonly file: string;
  readonly filename: string;
  readonly truncated: boolean;
}

const uploads = new WeakMap<object, UploadedFile>();

/** The file uploaded with this request, if any. */
export function uploadedFileOf(ctx: PageContext): UploadedFile | undefined {
  return uploads.get(ctx);
}

/**
 * Parses `multipart/form-data` POSTs to one path into `ctx.request.body` (text fields) and an
 * uploaded file, so the host's `atl_token` check, which runs next, can read the form's token. Only
 * administrators get their upload written to the temporary folder; for anyone else the token
 * check fails as usual, so other users cannot fill the disk with uploads.
 */
export function multipartUploadParser(uploadPath: string, isAdmin: (username: string) => Promise<boolean>) {
  return async function parseUpload(ctx: PageContext, next: Next): Promise<void> {
    const isUpload = ctx.method === 'POST' && ctx.path === uploadPath && ctx.is('multipart/form-data');
    const user = ctx.state.user;
    if (!isUpload || !user || !(await isAdmin(user.name))) return next();
    const fields: Record<string, string> = {};
    const directory = fs.mkdtempSync(path.join(os.tmpdir(), 'plughost-upload-'));
    try {
      const upload = await receive(ctx, fields, directory);
      ctx.request.body = fields;
      if (upload) uploads.set(ctx, upload);
      await next();
    } finally {
      fs.rmSync(directory, { recursive: true, force: true });
    }
  };
}

function receive(ctx: PageContext, fields: Record<string, string>, directory: string): Promise<UploadedFile | undefined> {
  return new Promise((resolve, reject) => {
    let upload: UploadedFile | undefined;
    let writing: Promise<void> = Promise.resolve();
    const parser = busboy({ headers: ctx.req.headers, limits: { fileSize: maxUploadBytes, files: 1, fields: 20 } });
    parser.on('field', (name, value) => {
      fields[name] = value;
    });
    parser.on('file', (_name, stream, info) => {
      const file = path.join(directory, `${randomBytes(6).toString('hex')}.tgz`);
      const output = fs.createWriteStream(file);
      const current = { file, filename: path.basename(info.filename ?? 'upload.tgz'), truncated: false };
      stream.on('limit', () => (current.truncated = true));
      writing = new Promise((done, failed) => {
        output.on('finish', () => done());
        output.on('error', failed);
      });
      stream.pipe(output);
      upload = current;
    });
    parser.on('error', reject);
    parser.on('close', () => writing.then(() => resolve(upload), reject));
    ctx.req.pipe(parser);
  });
}
