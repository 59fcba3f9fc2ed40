/**
 * Where the margin's cards go: each as close as possible to the top of its anchor, never
 * overlapping. The focused card sits exactly at its anchor; the cards above it move up and the
 * ones below move down to make room.
 */
export interface CardBox {
  id: string;
  /** Desired top (the anchor's top, in margin coordinates). */
  top: number;
  height: number;
}

export function layoutCards(
  cards: readonly CardBox[],
  focusedId: string | null,
  gap = 8,
): Map<string, number> {
  const sorted = [...cards].sort((a, b) => a.top - b.top || a.id.localeCompare(b.id));
  const tops = new Map<string, number>();
  const pivot = Math.max(
    0,
    sorted.findIndex((c) => c.id === focusedId),
  );
  const anchor = sorted[pivot];
  if (!anchor) return tops;
  tops.set(anchor.id, Math.max(0, anchor.top));
  // Downwards from the pivot.
  let bottom = (tops.get(anchor.id) ?? 0) + anchor.height + gap;
  for (let i = pivot + 1; i < sorted.length; i++) {
    const card = sorted[i]!;
    const top = Math.max(card.top, bottom);
    tops.set(card.id, top);
    bottom = top + card.height + gap;
  }
  // Upwards from the pivot.
  let ceiling = tops.get(anchor.id) ?? 0;
  for (let i = pivot - 1; i >= 0; i--) {
    const card = sorted[i]!;
    const top = Math.min(card.top, ceiling - gap - card.height);
    tops.set(card.id, top);
    ceiling = top;
  }
  // Nothing above the margin's top: push everything down if the first card went negative.
  const first = sorted[0];
  const shift = first ? Math.max(0, -(tops.get(first.id) ?? 0)) : 0;
  if (shift > 0) {
    let floor = 0;
    for (const card of sorted) {
      const top = Math.max((tops.get(card.id) ?? 0) + shift, floor);
      tops.set(card.id, top);
      floor = top + card.height + gap;
    }
  }
  return tops;
}
