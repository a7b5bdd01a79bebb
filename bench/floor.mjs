// The floor for the parser cs-train uses: a bare unified pipeline (remark-parse, remark-gfm,
// remark-rehype, rehype-stringify) over every session file, one at a time on one thread.
// Usage: node bench/floor.mjs MODULES_DIR
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import rehypeStringify from 'rehype-stringify';
import remarkGfm from 'remark-gfm';
import remarkParse from 'remark-parse';
import remarkRehype from 'remark-rehype';
import { unified } from 'unified';

const root = process.argv[2];
const processor = unified().use(remarkParse).use(remarkGfm).use(remarkRehype).use(rehypeStringify);
let files = 0;
let bytes = 0;
for (const mod of readdirSync(root, { withFileTypes: true })) {
  if (!mod.isDirectory()) continue;
  for (const name of readdirSync(join(root, mod.name)).sort()) {
    if (!name.endsWith('.md')) continue;
    const text = readFileSync(join(root, mod.name, name), 'utf8');
    const body = text.replace(/^---\n[\s\S]*?\n---\n/, '');
    bytes += String(processor.processSync(body)).length;
    files++;
  }
}
process.stdout.write(`${files} files, ${bytes} characters of HTML\n`);
