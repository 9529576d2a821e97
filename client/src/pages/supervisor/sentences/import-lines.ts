/** The sentences of an imported text file: one per line, trimmed, blank and repeated lines dropped. */
export function sentencesFromText(text: string): string[] {
  const seen = new Set<string>();
  const result: string[] = [];
  for (const line of text.replace(/^\uFEFF/, '').split(/\r\n|\r|\n/)) {
    const sentence = line.replace(/\s+/g, ' ').trim();
    if (!sentence || seen.has(sentence)) continue;
    seen.add(sentence);
    result.push(sentence);
  }
  return result;
}
