// SVG to PNG, with the fonts the machine has (DejaVu on Debian) so that labels render the same on a
// server as on a laptop. resvg ships its renderer inside its npm package: nothing is downloaded.
import { Resvg } from '@resvg/resvg-js';

export function svgToPng(svg: string): Buffer {
  const r = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: true, defaultFontFamily: 'DejaVu Sans' }, background: '#ffffff' });
  return Buffer.from(r.render().asPng());
}
