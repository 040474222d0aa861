/**
 * Traditional -> simplified Chinese, one character at a time so the normaliser's offset map
 * stays 1:1. Loads the smallest opencc-js entry (t2cn, ~110 kB) on first use and caches it.
 */

let converterPromise: Promise<(char: string) => string> | undefined;

/** The cached per-character converter: 錯 -> 错, 您 -> 您, a -> a. */
export async function loadTraditionalConverter(): Promise<(char: string) => string> {
  converterPromise ??= import('opencc-js/t2cn').then((opencc) => {
    const convert = opencc.Converter({ from: 't', to: 'cn' });
    const memo = new Map<string, string>();
    return (char: string): string => {
      let simplified = memo.get(char);
      if (simplified === undefined) {
        simplified = convert(char);
        memo.set(char, simplified);
      }
      return simplified;
    };
  });
  return converterPromise;
}
