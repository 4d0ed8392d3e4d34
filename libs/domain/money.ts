/**
 * An amount of yuan as official texts write it: whole ten-thousands in 万元 (200万元, 1000万元, as
 * the policies state their rewards and ceilings), anything else in 元 with its thousands grouped
 * (6,000,000元 reads as the consoles print it). Plain string work, so workflows may use it.
 */
export function yuanText(yuan: number): string {
  if (yuan !== 0 && yuan % 10_000 === 0) return `${yuan / 10_000}万元`;
  return `${groupThousands(yuan)}元`;
}

/** 3000000 → 3,000,000, by hand: workflows render these too. */
export function groupThousands(n: number): string {
  const [whole, fraction] = String(Math.abs(n)).split('.');
  return (n < 0 ? '-' : '') + whole.replace(/\B(?=(\d{3})+(?!\d))/g, ',') + (fraction ? `.${fraction}` : '');
}
