// A small hand-written viridis colormap (9 stops from matplotlib's table, linearly interpolated): value in [0,1] → RGB.

const VIRIDIS: readonly (readonly [number, number, number])[] = [
  [68, 1, 84], [71, 44, 122], [59, 81, 139], [44, 113, 142], [33, 144, 141],
  [39, 173, 129], [92, 200, 99], [170, 220, 50], [253, 231, 37],
];

/** Writes the colour of t (clamped to [0,1]; NaN is transparent grey) into out at offset. */
export function viridis(t: number, out: Uint8ClampedArray, offset: number): void {
  if (Number.isNaN(t)) {
    out[offset] = out[offset + 1] = out[offset + 2] = 128;
    out[offset + 3] = 60;
    return;
  }
  const x = Math.min(1, Math.max(0, t)) * (VIRIDIS.length - 1);
  const i = Math.min(VIRIDIS.length - 2, Math.floor(x));
  const f = x - i;
  const a = VIRIDIS[i]!;
  const b = VIRIDIS[i + 1]!;
  out[offset] = a[0] + (b[0] - a[0]) * f;
  out[offset + 1] = a[1] + (b[1] - a[1]) * f;
  out[offset + 2] = a[2] + (b[2] - a[2]) * f;
  out[offset + 3] = 255;
}

/** CSS gradient of the same stops, for the legend. */
export const VIRIDIS_CSS = `linear-gradient(to right, ${VIRIDIS.map((c) => `rgb(${c.join(',')})`).join(', ')})`;
