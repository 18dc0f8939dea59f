/**
 * Renders rich text (`RichNode[]`, a checked tree: never HTML) as Lit templates of plain text:
 * every node is an element the template names, every string a text node; and labels the parts
 * of questions (`role`) in the interface's language. Loaded with a pack that has either (by the
 * checker), it puts itself in `packHooks`.
 *
 * `inline`: inside a question's label or legend, which hold phrasing content only; paragraphs
 * and list items become lines (a list item led by a bullet), links and emphasis stay.
 */
import {html, type TemplateResult} from 'lit';
import {partsOf} from '../../i18n/en-parts.js';
import type {RichNode} from '../../instrument/types.js';
import {packHooks} from '../../internal/pack-hooks.js';
import {fieldId} from './field-id.js';

export {partsOf};

const SAFE_LINK = /^(https?|mailto):/i;

export function richTemplate(nodes: readonly RichNode[], inline: boolean): unknown[] {
  const line = (i: number, list: readonly RichNode[]) => (i < list.length - 1 ? html`<br />` : '');
  return nodes.map((n, i): string | TemplateResult => {
    if (typeof n === 'string') return n;
    const c = richTemplate(n.children ?? [], inline);
    switch (n.tag) {
      case 'br':
        return html`<br />`;
      case 'strong':
        return html`<strong>${c}</strong>`;
      case 'em':
        return html`<em>${c}</em>`;
      case 'a':
        // Checked by the pack checker too; a link opens beside the survey, which keeps its place.
        return n.href && SAFE_LINK.test(n.href)
          ? html`<a href=${n.href} target="_blank" rel="noopener noreferrer">${c}</a>`
          : html`${c}`;
      case 'p':
        return inline ? html`${c}${line(i, nodes)}` : html`<p>${c}</p>`;
      case 'li':
        return inline ? html`• ${c}${line(i, nodes)}` : html`<li>${c}</li>`;
      case 'ul':
        return inline
          ? html`${c}${line(i, nodes)}`
          : html`<ul>
              ${c}
            </ul>`;
      case 'ol':
        return inline
          ? html`${c}${line(i, nodes)}`
          : html`<ol>
              ${c}
            </ol>`;
      default:
        return html`${c}`;
    }
  });
}

packHooks.text = (m, item) =>
  'role' in item && item.role
    ? partsOf(m)[item.role]
    : item.richText && html`${richTemplate(item.richText, true)}`;

const before = packHooks.item;
packHooks.item = (ctx, item) =>
  item.type === 'display' && item.richText
    ? html`<div class="display" id=${fieldId(item.id)}>${richTemplate(item.richText, false)}</div>`
    : before?.(ctx, item);
