// IDX reader for the dataset script (Node). The browser never sees IDX: it reads shards.
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';

/**
 * Parses an IDX file (optionally gzip'd).
 * @returns {{ dims: number[], data: Uint8Array }} dims from the header; data is the payload (uint8).
 */
export function readIdx(path) {
  let buf = readFileSync(path);
  if (buf[0] === 0x1f && buf[1] === 0x8b) buf = gunzipSync(buf);
  return parseIdxBuffer(new Uint8Array(buf.buffer, buf.byteOffset, buf.byteLength));
}

/** Parses an uncompressed IDX buffer of unsigned bytes (type code 0x08). Throws on a bad header. */
export function parseIdxBuffer(bytes) {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 8 || view.getUint16(0) !== 0 || bytes[2] !== 0x08) {
    throw new Error('not an IDX file of unsigned bytes');
  }
  const ndim = bytes[3];
  const dims = [];
  for (let i = 0; i < ndim; i++) dims.push(view.getUint32(4 + 4 * i));
  const offset = 4 + 4 * ndim;
  const size = dims.reduce((a, b) => a * b, 1);
  if (bytes.byteLength < offset + size) {
    throw new Error(`IDX file is truncated: header says ${size} bytes, found ${bytes.byteLength - offset}`);
  }
  return { dims, data: bytes.subarray(offset, offset + size) };
}
