// Placeholder decoder: replaced by BOM / charset / XML-declaration detection (see issue 2).
export function decodeFeedBytes(bytes: Uint8Array, _contentType: string | null = null): string {
  return Buffer.from(bytes).toString('utf8');
}
