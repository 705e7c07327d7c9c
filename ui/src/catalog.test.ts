import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = resolve(__dirname);
const LOCALES = resolve(__dirname, '../../locales');
const LABEL_ATTRIBUTES = new Set([
  'title',
  'placeholder',
  'label',
  'alt',
  'aria-label',
  'okText',
  'cancelText',
  'tooltip',
  'extra',
  'help',
]);
const LETTERS = /[\p{L}]/u;

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : flatten(value, `${prefix}${key}.`),
  );
}

function entries(tree: Tree, prefix = ''): [string, string][] {
  return Object.entries(tree).flatMap(([key, value]): [string, string][] =>
    typeof value === 'string' ? [[`${prefix}${key}`, value]] : entries(value, `${prefix}${key}.`),
  );
}

/** The interpolations of a text ("%{name}"), sorted, each once. */
function placeholders(text: string): string[] {
  return [...new Set([...text.matchAll(/%\{(\w+)\}/g)].map((m) => m[1]))].sort();
}

function sourceFiles(dir: string, extensions: string[]): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path, extensions);
    return extensions.some((ext) => name.endsWith(ext)) && !name.includes('.test.') ? [path] : [];
  });
}

const catalogs = Object.fromEntries(
  readdirSync(LOCALES)
    .filter((name) => name.endsWith('.json'))
    .map((name) => [name.replace(/\.json$/, ''), JSON.parse(readFileSync(join(LOCALES, name), 'utf8')) as Tree]),
);

function parse(path: string): ts.SourceFile {
  const kind = path.endsWith('.tsx') ? ts.ScriptKind.TSX : ts.ScriptKind.TS;
  return ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true, kind);
}

function where(file: ts.SourceFile, node: ts.Node): string {
  const { line } = file.getLineAndCharacterOfPosition(node.getStart(file));
  return `${relative(SRC, file.fileName)}:${line + 1}`;
}

describe('translation catalog', () => {
  it('has at least English and Chinese', () => {
    expect(Object.keys(catalogs)).toEqual(expect.arrayContaining(['en', 'zh-CN']));
  });

  it('has the same keys in every language', () => {
    const reference = new Set(flatten(catalogs.en));
    for (const [code, tree] of Object.entries(catalogs)) {
      const keys = new Set(flatten(tree));
      const missing = [...reference].filter((key) => !keys.has(key));
      const extra = [...keys].filter((key) => !reference.has(key));
      expect({ code, missing, extra }).toEqual({ code, missing: [], extra: [] });
    }
  });

  it('has a text in every language for every key, with the same placeholders as English', () => {
    const english = Object.fromEntries(entries(catalogs.en));
    const problems: string[] = [];
    for (const [code, tree] of Object.entries(catalogs)) {
      for (const [key, value] of entries(tree)) {
        if (!value.trim()) problems.push(`${code} ${key} is empty`);
        const reference = english[key];
        if (reference === undefined) continue;
        const wanted = placeholders(reference);
        const got = placeholders(value);
        if (wanted.join() !== got.join()) problems.push(`${code} ${key} has {${got}} where English has {${wanted}}`);
      }
    }
    expect(problems).toEqual([]);
  });

  it('names every language in its own words', () => {
    for (const [code, tree] of Object.entries(catalogs)) {
      const name = (tree.locale as Tree | undefined)?.name;
      expect({ code, name: typeof name === 'string' && name.length > 0 }).toEqual({ code, name: true });
    }
  });

  it('has no user-facing literal text in TSX', () => {
    const problems: string[] = [];
    for (const path of sourceFiles(SRC, ['.tsx'])) {
      const file = parse(path);
      const visit = (node: ts.Node) => {
        if (ts.isJsxText(node) && LETTERS.test(node.getText(file))) {
          problems.push(`${where(file, node)} text ${JSON.stringify(node.getText(file).trim())}`);
        }
        if (ts.isJsxAttribute(node) && LABEL_ATTRIBUTES.has(node.name.getText(file))) {
          const value = node.initializer;
          const literal =
            value && ts.isStringLiteral(value)
              ? value
              : value && ts.isJsxExpression(value) && value.expression && ts.isStringLiteralLike(value.expression)
                ? value.expression
                : null;
          if (literal && LETTERS.test(literal.text)) {
            problems.push(`${where(file, node)} ${node.name.getText(file)}=${JSON.stringify(literal.text)}`);
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(problems).toEqual([]);
  });

  it('knows every literal key the code asks for, in every language', () => {
    const problems: string[] = [];
    const keySets = Object.fromEntries(Object.entries(catalogs).map(([code, tree]) => [code, new Set(flatten(tree))]));
    let found = 0;
    for (const path of sourceFiles(SRC, ['.ts', '.tsx'])) {
      const file = parse(path);
      const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node)) {
          const callee = node.expression;
          const name = ts.isIdentifier(callee)
            ? callee.text
            : ts.isPropertyAccessExpression(callee)
              ? callee.name.text
              : '';
          const first = node.arguments[0];
          if (name === 't' && first && ts.isStringLiteralLike(first)) {
            found += 1;
            for (const [code, keys] of Object.entries(keySets)) {
              if (!keys.has(first.text)) problems.push(`${where(file, node)} ${first.text} missing in ${code}`);
            }
          }
        }
        ts.forEachChild(node, visit);
      };
      visit(file);
    }
    expect(found).toBeGreaterThan(50);
    expect(problems).toEqual([]);
  });
});
