// Turns a feed's bytes into text. The order of evidence follows what feeds in the wild get
// right most often: a byte-order mark never lies, a server's charset usually does not, the XML
// declaration is written by the same hand as the bytes, and bytes that are valid multi-byte
// UTF-8 are UTF-8 whatever the label says (a mislabelled UTF-8 feed is far more common than
// Latin-1 text that happens to form valid UTF-8 sequences).
import { isUtf8 } from 'node:buffer';
import iconv from 'iconv-lite';

export interface DecodedText {
  text: string;
  /** The encoding the text was read with, as iconv-lite names it. */
  encoding: string;
  /** Where that encoding came from. */
  evidence: 'bom' | 'utf16-sniff' | 'content-type' | 'xml-declaration' | 'json' | 'valid-utf8' | 'default';
}

/** Decodes a feed's bytes to a string; the XML declaration's encoding no longer matters after this. */
export function decodeFeedBytes(bytes: Uint8Array, contentType: string | null = null): string {
  return decodeFeed(bytes, contentType).text;
}

export function decodeFeed(bytes: Uint8Array, contentType: string | null = null): DecodedText {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);

  const bom = bomEncoding(buf);
  if (bom) return { text: stripBom(iconv.decode(buf.subarray(bom.length), bom.encoding)), encoding: bom.encoding, evidence: 'bom' };

  const utf16 = sniffWideUnicode(buf);
  if (utf16) return { text: stripBom(iconv.decode(buf, utf16)), encoding: utf16, evidence: 'utf16-sniff' };

  // Node's own check reads the bytes without making a string of them.
  const validUtf8 = isUtf8(buf);
  const utf8 = (evidence: DecodedText['evidence']): DecodedText => ({ text: stripBom(buf.toString('utf8')), encoding: 'utf8', evidence });

  if (looksLikeJson(buf)) return validUtf8 ? utf8('json') : labelled('windows-1252', 'default');

  // A server's Latin-1 or ASCII label is often just its default for text/*; a declaration naming
  // something else was written by whoever wrote the bytes, and wins.
  let fromHeader = charsetFromContentType(contentType);
  const fromXml = xmlDeclaredEncoding(buf);
  if (fromHeader && fromXml && canonicalEncoding(fromHeader) === 'windows-1252' && canonicalEncoding(fromXml) !== 'windows-1252') fromHeader = null;
  const declared = fromHeader ?? fromXml;
  const evidence: DecodedText['evidence'] = fromHeader ? 'content-type' : 'xml-declaration';
  if (declared) {
    const enc = canonicalEncoding(declared);
    if (enc === 'utf8') return validUtf8 ? utf8(evidence) : labelled('windows-1252', 'default');
    // A UTF-16 label on bytes without a BOM or the zero-byte pattern is a copied declaration: ignore it.
    if (enc && !/^utf(16|32)/.test(enc)) {
      if (validUtf8 && hasNonAscii(buf)) return utf8('valid-utf8');
      return labelled(enc, evidence);
    }
  }
  return validUtf8 ? utf8('default') : labelled('windows-1252', 'default');

  function labelled(encoding: string, ev: DecodedText['evidence']): DecodedText {
    return { text: stripBom(iconv.decode(buf, encoding)), encoding, evidence: ev };
  }
}

function bomEncoding(buf: Buffer): { encoding: string; length: number } | null {
  if (buf.length >= 4 && buf[0] === 0xff && buf[1] === 0xfe && buf[2] === 0 && buf[3] === 0) return { encoding: 'utf32le', length: 4 };
  if (buf.length >= 4 && buf[0] === 0 && buf[1] === 0 && buf[2] === 0xfe && buf[3] === 0xff) return { encoding: 'utf32be', length: 4 };
  if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) return { encoding: 'utf8', length: 3 };
  if (buf.length >= 2 && buf[0] === 0xff && buf[1] === 0xfe) return { encoding: 'utf16le', length: 2 };
  if (buf.length >= 2 && buf[0] === 0xfe && buf[1] === 0xff) return { encoding: 'utf16be', length: 2 };
  return null;
}

/** "<?" written in UTF-16 or UTF-32 without a BOM shows as zero bytes beside each ASCII byte. */
function sniffWideUnicode(buf: Buffer): string | null {
  if (buf.length < 4) return null;
  if (buf[0] === 0x3c && buf[1] === 0 && buf[2] === 0 && buf[3] === 0) return 'utf32le';
  if (buf[0] === 0 && buf[1] === 0 && buf[2] === 0 && buf[3] === 0x3c) return 'utf32be';
  if (buf[0] === 0x3c && buf[1] === 0 && buf[2] !== 0 && buf[3] === 0) return 'utf16le';
  if (buf[0] === 0 && buf[1] === 0x3c && buf[2] === 0 && buf[3] !== 0) return 'utf16be';
  return null;
}

const stripBom = (s: string): string => (s.charCodeAt(0) === 0xfeff ? s.slice(1) : s);

function hasNonAscii(buf: Buffer): boolean {
  for (const b of buf) if (b >= 0x80) return true;
  return false;
}

function looksLikeJson(buf: Buffer): boolean {
  for (const b of buf.subarray(0, 64)) {
    if (b === 0x20 || b === 0x09 || b === 0x0a || b === 0x0d) continue;
    return b === 0x7b; // "{"
  }
  return false;
}

export function charsetFromContentType(contentType: string | null): string | null {
  if (!contentType) return null;
  const m = /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType);
  return m ? m[1] : null;
}

function xmlDeclaredEncoding(buf: Buffer): string | null {
  const head = buf.subarray(0, 1024).toString('latin1');
  const m = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/.exec(head);
  return m ? m[1] : null;
}

/** iconv-lite's name for a label, or null when iconv-lite does not know it. Latin-1 is read as
 *  windows-1252, as browsers do, because feeds labelled Latin-1 routinely carry curly quotes. */
export function canonicalEncoding(label: string): string | null {
  const l = label.trim().toLowerCase().replace(/^x-/, '');
  if (l === 'utf-8' || l === 'utf8' || l === 'unicode-1-1-utf-8') return 'utf8';
  if (['iso-8859-1', 'iso8859-1', 'latin1', 'latin-1', 'us-ascii', 'ascii', 'l1', 'cp819', 'iso_8859-1'].includes(l)) return 'windows-1252';
  if (l === 'utf-16' || l === 'utf16' || l === 'unicode') return 'utf16le';
  if (l === 'utf-16le') return 'utf16le';
  if (l === 'utf-16be') return 'utf16be';
  if (l === 'utf-32' || l === 'utf-32le') return 'utf32le';
  if (l === 'utf-32be') return 'utf32be';
  if (l === 'gb2312' || l === 'gb_2312-80' || l === 'chinese' || l === 'euc-cn') return 'gbk';
  if (l === 'sjis' || l === 'ms_kanji' || l === 'shift-jis') return 'shift_jis';
  if (l === 'big5-hkscs') return 'big5hkscs';
  return iconv.encodingExists(l) ? l : null;
}
