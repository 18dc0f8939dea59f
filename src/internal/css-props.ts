import {nothing} from 'lit';
import {Directive, directive, PartType, type ElementPart, type PartInfo} from 'lit/directive.js';

/**
 * Sets CSS custom properties on an element through CSSOM. Unlike a `style` attribute (and
 * Lit's `styleMap`, which writes the attribute on first render), this is allowed by a strict
 * `style-src 'self'` policy, as hospital intranets use.
 */
class CssProps extends Directive {
  constructor(part: PartInfo) {
    super(part);
    if (part.type !== PartType.ELEMENT) throw new Error('cssProps() belongs on an element');
  }

  render(_props: Readonly<Record<string, string>>) {
    return nothing;
  }

  #set: Readonly<Record<string, string>> = {};

  // Runs at every render of its template (a survey page re-renders as the person types):
  // only a value that changed touches the style.
  override update(part: ElementPart, [props]: [Readonly<Record<string, string>>]) {
    const style = (part.element as HTMLElement).style;
    for (const [name, value] of Object.entries(props)) {
      if (this.#set[name] !== value) style.setProperty(name, value);
    }
    this.#set = props;
    return nothing;
  }
}

export const cssProps = directive(CssProps);
