// The floor: a bare Lit element that shows the bench instrument's two pages as native
// fieldsets, radios and text areas in one shadow root, with a Next button. No start page,
// drafts, validation, languages or delivery: what any Lit widget pays to show the same 40
// questions. bench/run.js bundles it with Lit inside (Vite, minified like the widget).
import {LitElement, css, html, nothing} from 'lit';
import {keyed} from 'lit/directives/keyed.js';

class BenchFloor extends LitElement {
  static properties = {
    src: {},
    pack: {state: true},
    page: {state: true},
  };

  static styles = css`
    :host {
      display: block;
      max-inline-size: 48rem;
      font:
        1rem/1.5 system-ui,
        sans-serif;
    }
    fieldset {
      margin: 0 0 1rem;
      padding: 0;
      border: 0;
    }
    legend {
      padding: 0;
      font-weight: 600;
    }
    .options {
      display: flex;
      flex-wrap: wrap;
      gap: 0.25rem 1rem;
    }
    label {
      display: flex;
      align-items: center;
      gap: 0.5rem;
      min-block-size: 2.75rem;
    }
    textarea {
      box-sizing: border-box;
      inline-size: 100%;
      min-block-size: 8rem;
      font: inherit;
    }
  `;

  constructor() {
    super();
    this.src = '';
    this.pack = undefined;
    this.page = 0;
  }

  connectedCallback() {
    super.connectedCallback();
    fetch(this.src)
      .then((r) => r.json())
      .then((pack) => (this.pack = pack));
  }

  render() {
    const section = this.pack?.sections[this.page];
    if (!section) return nothing;
    const last = this.page === this.pack.sections.length - 1;
    // A fresh page: the browser keeps a radio's state in its node, so nodes are not reused.
    return keyed(
      this.page,
      html`<h2>${section.title}</h2>
        ${section.items.map((item) => this.item(item))}
        <button class="next" @click=${() => !last && this.page++}>
          ${last ? 'Send' : 'Next'}
        </button>`,
    );
  }

  item(item) {
    if (item.type === 'reflection')
      return html`<p>
        <label for=${item.id}>${item.text}</label>
        <textarea id=${item.id} maxlength=${item.maxLength}></textarea>
      </p>`;
    const likert = item.type === 'likert';
    const options = likert ? this.pack.scales[item.scale].points : item.options;
    const type = item.multiple ? 'checkbox' : 'radio';
    return html`<fieldset class=${likert ? 'likert' : 'choice'}>
      <legend>${item.text}</legend>
      <div class="options">
        ${options.map(
          (o) =>
            html`<label>
              <input type=${type} name=${item.id} .value=${String(o.value)} />
              ${o.label}
            </label>`,
        )}
      </div>
    </fieldset>`;
  }
}
customElements.define('bench-floor', BenchFloor);
