import { fileTypeFromBuffer } from 'file-type';
import sharp from 'sharp';
import type { EvidenceKind } from '../../../shared/contracts/evidence.js';

/** What the vault accepts, by the type its content says it is (magic bytes), never by its name. */
const accepted: Record<string, EvidenceKind> = {
  'image/jpeg': 'image',
  'image/png': 'image',
  'image/webp': 'image',
  'image/heic': 'image',
  'image/heif': 'image',
  'application/pdf': 'document',
  'video/mp4': 'video',
  'video/quicktime': 'video',
  'video/webm': 'video',
  'video/3gpp': 'video',
  'video/x-matroska': 'video',
  'audio/mpeg': 'audio',
  'audio/mp4': 'audio',
  'audio/x-m4a': 'audio',
  'audio/aac': 'audio',
  'audio/ogg': 'audio',
  'audio/opus': 'audio',
  'audio/wav': 'audio',
  'audio/x-wav': 'audio',
  'audio/amr': 'audio',
};

/** The kind of an accepted media type (null: not accepted). */
export const kindOf = (mediaType: string): EvidenceKind | null => accepted[mediaType] ?? null;

/** The media type and kind the first bytes of a file show, or null when the vault does not take it. */
export async function detectMedia(head: Buffer): Promise<{ mediaType: string; kind: EvidenceKind } | null> {
  const found = await fileTypeFromBuffer(head);
  if (!found) return null;
  const kind = accepted[found.mime];
  return kind ? { mediaType: found.mime, kind } : null;
}

/** Images larger than this are kept without a viewing copy (decoding happens in memory). */
export const VIEWING_COPY_MAX_BYTES = 64 * 1024 * 1024;

/** Markers of metadata blocks that must not survive in a viewing copy. */
const markers = [
  Buffer.from('Exif\0\0'),
  Buffer.from('http://ns.adobe.com/xap/1.0/'),
  Buffer.from('<x:xmpmeta'),
  Buffer.from('Photoshop 3.0'),
];

/**
 * The viewing copy of an image: decoded, turned upright, and re-encoded as JPEG with no metadata
 * (sharp keeps none unless asked: no EXIF, GPS, XMP, IPTC, ICC or maker notes). The result is checked
 * twice — sharp's own reading of it, and a byte scan for metadata markers — and refused (null: the item
 * gets no viewing copy) if either finds any. An image sharp cannot decode (HEIC without its codec) also
 * gets none: the original is then available only as a download with a reason.
 */
export async function makeViewingCopy(original: Buffer): Promise<Buffer | null> {
  let out: Buffer;
  try {
    out = await sharp(original, { limitInputPixels: 100_000_000, failOn: 'error' })
      .rotate()
      .jpeg({ quality: 85, mozjpeg: true })
      .toBuffer();
  } catch {
    return null;
  }
  const meta = await sharp(out).metadata();
  if (meta.exif || meta.xmp || meta.iptc || meta.icc || meta.tifftagPhotoshop) return null;
  if (markers.some((m) => out.includes(m))) return null;
  return out;
}
