// One pass over a parsed YAML document, without recursion (documents may nest thousands deep):
// duplicate map keys in linear time (the yaml package's own check compares every key with every
// earlier one, quadratic in the size of a map), and the alias nodes in document order.
import { isAlias, isMap, isPair, isScalar, isSeq, type Alias, type Document, type Node as YamlNode } from 'yaml';

/** What a scan finds: keys that repeat an earlier key of their map, and every alias. */
export interface YamlScan {
  duplicateKeys: YamlNode[];
  aliases: Alias[];
}

/** Scan `doc` for duplicate keys (scalars equal as yaml compares them) and aliases. */
export function scanYaml(doc: Document.Parsed): YamlScan {
  const out: YamlScan = { duplicateKeys: [], aliases: [] };
  const stack: unknown[] = [doc.contents];
  while (stack.length > 0) {
    const node = stack.pop();
    if (isAlias(node)) out.aliases.push(node);
    else if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = pair.key;
        if (isScalar(key) && !Number.isNaN(key.value)) {
          if (seen.has(key.value)) out.duplicateKeys.push(key);
          else seen.add(key.value);
        }
      }
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isSeq(node)) {
      for (let i = node.items.length - 1; i >= 0; i--) stack.push(node.items[i]);
    } else if (isPair(node)) {
      stack.push(node.value, node.key);
    }
  }
  out.aliases.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  out.duplicateKeys.sort((a, b) => (a.range?.[0] ?? 0) - (b.range?.[0] ?? 0));
  return out;
}
