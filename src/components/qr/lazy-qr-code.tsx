/**
 * A QR code of a link, drawn as SVG by the `qrcode` library, which is loaded only when a code is
 * first shown (the projector), so no other screen carries it. Nothing shows until it is drawn
 * or if it cannot be: the caller always prints the link beside it.
 */
import { useEffect, useState } from 'react';

export function LazyQrCode({
  text,
  label,
  size = 180,
}: {
  text: string;
  label: string;
  size?: number;
}) {
  const [svg, setSvg] = useState<string | undefined>();
  useEffect(() => {
    let live = true;
    import('qrcode')
      // A CommonJS module: its functions sit on `default` in some bundles, on the namespace in others.
      .then((module) => ('default' in module ? (module.default as typeof module) : module))
      .then((QRCode) =>
        QRCode.toString(text, { type: 'svg', margin: 1, errorCorrectionLevel: 'M' }),
      )
      .then((drawn) => {
        if (live) setSvg(drawn);
      })
      .catch(() => {
        if (live) setSvg(undefined);
      });
    return () => {
      live = false;
    };
  }, [text]);
  if (!svg) return null;
  return (
    <img
      className="qr-code"
      src={`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`}
      alt={label}
      width={size}
      height={size}
    />
  );
}
