/**
 * FHIR `rendering-xhtml` → rich text (`RichNode[]`): the safe subset only. Loaded by the checker
 * only for a Questionnaire that has such text.
 *
 * The XHTML is parsed as XML by @rgrove/parse-xml into plain objects: no document, no HTML
 * parser, nothing a Trusted Types policy must allow (`DOMParser.parseFromString` is a sink under
 * `require-trusted-types-for 'script'`), the same in Node and every browser. The tree kept:
 * p and div (paragraphs), b/strong, i/em, ul, ol, li, br, span (its content), and a with an
 * absolute http:, https: or mailto: href. `xmlns`, `style`, `class`, `id`, `lang`, `dir` and
 * `title` change nothing a person must read: they are left, and named (`ignored`). Any other
 * element, attribute or link is refused as a whole (`why`): the import then shows the plain
 * text, and says so.
 */
import {parseXml} from '@rgrove/parse-xml';
import type {RichElement, RichNode} from './types.js';

export type Rich =
  | {readonly ok: true; readonly nodes: RichNode[]; readonly ignored: string[]}
  | {readonly ok: false; readonly why: string};

const TAGS: Record<string, RichElement['tag'] | ''> = {
  p: 'p',
  div: 'p',
  b: 'strong',
  strong: 'strong',
  i: 'em',
  em: 'em',
  ul: 'ul',
  ol: 'ol',
  li: 'li',
  br: 'br',
  a: 'a',
  span: '',
};
const HARMLESS = new Set(['xmlns', 'style', 'class', 'id', 'lang', 'xml:lang', 'dir', 'title']);
/** HTML's named characters that XHTML text uses most (XML knows only five). */
const ENTITIES: Record<string, string> = {
  nbsp: '\u00a0',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  lsquo: '‘',
  rsquo: '’',
  ldquo: '“',
  rdquo: '”',
  bull: '•',
  copy: '©',
};
const BLOCK = new Set(['p', 'ul', 'ol', 'li']);

class Refused extends Error {}

type XmlLike = {
  type: string;
  name?: string;
  text?: string;
  attributes?: Record<string, string>;
  children?: XmlLike[];
};

export function richFromXhtml(xhtml: string): Rich {
  const ignored = new Set<string>();
  let root: XmlLike;
  try {
    // A fragment may hold several elements and text: one wrapper makes it a document.
    root = parseXml(`<div>${xhtml}</div>`, {
      resolveUndefinedEntity: (name) => ENTITIES[name.slice(1, -1)],
    }).root as unknown as XmlLike;
  } catch (e) {
    return {ok: false, why: `not well-formed XHTML (${(e as Error).message.split('\n')[0]})`};
  }
  const convert = (node: XmlLike): RichNode[] => {
    if (node.type === 'text' || node.type === 'cdata') {
      return node.text ? [node.text.replace(/\s+/g, ' ')] : [];
    }
    if (node.type !== 'element') return [];
    const name = (node.name ?? '').toLowerCase();
    const tag = TAGS[name];
    if (tag === undefined) throw new Refused(`<${name}> is not in the safe subset`);
    let href: string | undefined;
    for (const [attr, value] of Object.entries(node.attributes ?? {})) {
      if (attr === 'href' && tag === 'a') href = link(value);
      else if (attr.startsWith('xmlns') || HARMLESS.has(attr)) {
        if (!attr.startsWith('xmlns')) ignored.add(`${attr} on <${name}>`);
      } else throw new Refused(`the attribute ${attr} on <${name}> is not in the safe subset`);
    }
    if (tag === 'a' && !href) throw new Refused('a link without an href');
    const children = (node.children ?? []).flatMap(convert);
    if (tag === '') return children;
    if (tag === 'br') return [{tag}];
    // A div around a paragraph (or a div) is that one paragraph.
    const [only] = children;
    if (tag === 'p' && children.length === 1 && typeof only === 'object' && only.tag === 'p') {
      return children;
    }
    // Lists hold items: the white space between them is the source's layout.
    const kept =
      tag === 'ul' || tag === 'ol'
        ? children.filter((c) => typeof c !== 'string' || c.trim())
        : BLOCK.has(tag)
          ? trim(children)
          : children;
    return [{tag, ...(href ? {href} : {}), ...(kept.length ? {children: kept} : {})}];
  };
  try {
    const nodes = trim(convert(root));
    // The wrapper (a div) is one paragraph: its content is what was written.
    const [only] = nodes;
    const out =
      nodes.length === 1 && typeof only === 'object' && only.tag === 'p'
        ? [...(only.children ?? [])]
        : nodes;
    return {ok: true, nodes: out, ignored: [...ignored]};
  } catch (e) {
    if (e instanceof Refused) return {ok: false, why: e.message};
    throw e;
  }
}

/** An absolute http:, https: or mailto: URL, else refused. */
function link(href: string): string {
  let url: URL;
  try {
    url = new URL(href.trim());
  } catch {
    throw new Refused(`the link ${JSON.stringify(href)} is not an absolute URL`);
  }
  if (!['http:', 'https:', 'mailto:'].includes(url.protocol)) {
    throw new Refused(`the link scheme ${url.protocol} is not http:, https: or mailto:`);
  }
  return url.href;
}

/** A block's content without the spaces at its edges (the source's indentation). */
function trim(nodes: RichNode[]): RichNode[] {
  const out = [...nodes];
  while (typeof out[0] === 'string' && !out[0].trim()) out.shift();
  while (typeof out[out.length - 1] === 'string' && !(out[out.length - 1] as string).trim())
    out.pop();
  if (typeof out[0] === 'string') out[0] = out[0].replace(/^\s+/, '');
  const last = out.length - 1;
  if (typeof out[last] === 'string') out[last] = (out[last] as string).replace(/\s+$/, '');
  return out;
}
