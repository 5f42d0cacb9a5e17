/**
 * Names cut to fit an axis, each still telling its row apart. A name over `budget` characters keeps
 * its start and its end around a middle ellipsis: staff often name segments as variations of one
 * another ("Big spenders Jakarta east", "… evening"), and an end cut made those one text. Names
 * that still meet after the cut (they differ only in the middle, or are the same) are numbered in
 * list order, the number counted into the budget. Characters are code points, so an emoji is never
 * split; the whole name stays in the tooltip and the table.
 */
export function shortLabels(names: readonly string[], budget: number): string[] {
  const labels = names.map((name) => middleEllipsis(name, budget));
  const taken = new Set<string>();
  const clashing = new Set(labels.filter((label, index) => labels.indexOf(label) !== index));
  const numbers = new Map<string, number>();
  return labels.map((label, index) => {
    if (!clashing.has(label)) {
      taken.add(label);
      return label;
    }
    let numbered: string;
    do {
      const number = (numbers.get(label) ?? 0) + 1;
      numbers.set(label, number);
      const suffix = ` (${number})`;
      numbered = `${middleEllipsis(names[index], Math.max(1, budget - suffix.length))}${suffix}`;
    } while (taken.has(numbered) || (labels.includes(numbered) && !clashing.has(numbered)));
    taken.add(numbered);
    return numbered;
  });
}

/** The start and the end of a long name around "…": the start weighs more, as names are read from it. */
export function middleEllipsis(name: string, budget: number): string {
  const characters = Array.from(name);
  if (characters.length <= budget) return name;
  const kept = Math.max(1, budget - 1);
  const head = Math.ceil(kept * 0.6);
  const tail = kept - head;
  return `${characters.slice(0, head).join('').trimEnd()}…${tail > 0 ? characters.slice(-tail).join('').trimStart() : ''}`;
}
