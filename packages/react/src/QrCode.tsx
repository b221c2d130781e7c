import { useMemo } from 'react'
import { encode } from 'uqr'

/** Props of `QrCode`. */
export interface QrCodeProps {
  /** What the code encodes, such as a URL. */
  value: string
  /** Its accessible name. */
  label: string
  /** Width and height in CSS pixels. */
  size: number
}

/** A QR code as one SVG path: crisp at any size, no canvas, no image request. */
export function QrCode({ value, label, size }: QrCodeProps) {
  const { path, modules } = useMemo(() => {
    const { data, size: count } = encode(value, { ecc: 'M', border: 2 })
    let d = ''
    data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)))
    return { path: d, modules: count }
  }, [value])
  return (
    <svg role="img" aria-label={label} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      <path d={path} fill="#000" />
    </svg>
  )
}
