import { For } from 'solid-js';
import { encode } from 'uqr';
import { cst } from '../../../lib/i18n/campaigns';

/** The join link as a QR code, drawn as SVG rectangles (no inline markup, so the CSP stays strict). */
export function JoinQr(props: { url: string }) {
  const qr = () => encode(props.url, { ecc: 'M', border: 2 });
  const dark = () => qr().data.flatMap((row, y) => row.flatMap((on, x) => (on ? [{ x, y }] : [])));
  return (
    <svg class="join-qr" role="img" aria-label={cst('qrLabel')} viewBox={`0 0 ${qr().size} ${qr().size}`} shape-rendering="crispEdges" data-testid="join-qr">
      <rect width={qr().size} height={qr().size} fill="#fff" />
      <For each={dark()}>{(cell) => <rect x={cell.x} y={cell.y} width="1" height="1" fill="#000" />}</For>
    </svg>
  );
}
