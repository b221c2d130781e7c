import { useEffect, useMemo, useState } from 'react'

/** Props of `QrCode`. */
export interface QrCodeProps {
  /** What the code encodes, such as a URL. */
  value: string
  /** Its accessible name. */
  label: string
  /** Width and height in CSS pixels. */
  size: number
}

type Encode = (typeof import('uqr'))['encode']

let encoder: Promise<Encode> | undefined

/**
 * The encoder is fetched when a code first shows, not with the page: it is a third of the device
 * entry's weight, the IdP's answer takes a round trip anyway, and the code in text comes first.
 */
function loadEncoder(): Promise<Encode> {
  encoder ??= import('uqr').then(
    (module) => module.encode,
    (err: unknown) => {
      // A failed chunk load (a deploy replaced it, the network dropped) may succeed on the next code.
      encoder = undefined
      throw err
    },
  )
  return encoder
}

/** A QR code as one SVG path: crisp at any size, no canvas, no image request. Blank until its encoder has loaded. */
export function QrCode({ value, label, size }: QrCodeProps) {
  const [encode, setEncode] = useState<Encode | null>(null)
  useEffect(() => {
    let live = true
    loadEncoder().then(
      (loaded) => live && setEncode(() => loaded),
      () => undefined, // The code and the address are shown as text; the QR code is a shortcut.
    )
    return () => {
      live = false
    }
  }, [])
  const { path, modules } = useMemo(() => {
    if (!encode) return { path: '', modules: 1 }
    const { data, size: count } = encode(value, { ecc: 'M', border: 2 })
    let d = ''
    data.forEach((row, y) => row.forEach((dark, x) => dark && (d += `M${x} ${y}h1v1h-1z`)))
    return { path: d, modules: count }
  }, [encode, value])
  return (
    <svg role="img" aria-label={label} aria-busy={!encode} width={size} height={size} viewBox={`0 0 ${modules} ${modules}`} shapeRendering="crispEdges">
      <rect width={modules} height={modules} fill="#fff" />
      {path && <path d={path} fill="#000" />}
    </svg>
  )
}
