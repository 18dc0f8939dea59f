// The light-DOM fallback is for browsers that cannot run the survey, not for the moments while
// its script loads: a page gives the element a declarative shadow root with a loading line
// (README, Embedding), which modern browsers show instead of the light DOM, old ones ignore.
import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import '../../../src/define.js';
import type {RsSurvey} from '../../../src/elements/rs-survey/rs-survey.js';

const markup = (tag: string) => `<${tag} instrument="coping-with-error" timepoint="baseline">
  <template shadowrootmode="open"><p>Loading the questionnaire…</p></template>
  <p id="fallback">This questionnaire needs a current browser.</p>
</${tag}>`;

describe('rs-survey fallback content', () => {
  const parse = (container: HTMLElement, tag: string) => {
    if (!('setHTMLUnsafe' in container)) return false;
    (container as HTMLElement & {setHTMLUnsafe(html: string): void}).setHTMLUnsafe(markup(tag));
    return true;
  };

  it('is not shown while the script loads (the element is not defined yet)', async function () {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    if (!parse(container, 'rs-survey-not-yet-defined')) this.skip();
    const fallback = container.querySelector<HTMLElement>('#fallback')!;
    // Not slotted into the declarative root: not rendered at all.
    expect(fallback.getClientRects().length).to.equal(0);
    expect(container.textContent).to.not.contain('Loading the questionnaire…');
    expect(container.firstElementChild!.shadowRoot!.textContent).to.contain(
      'Loading the questionnaire…',
    );
  });

  it('gives way to the survey once it runs: the loading line goes, the fallback stays hidden', async function () {
    const container = await fixture<HTMLElement>(html`<div></div>`);
    const ready = oneEvent(container, 'rs-ready');
    if (!parse(container, 'rs-survey')) this.skip();
    await ready;
    const el = container.querySelector<RsSurvey>('rs-survey')!;
    await el.updateComplete;
    expect(el.shadowRoot!.textContent).to.not.contain('Loading the questionnaire…');
    expect(el.shadowRoot!.querySelector('h2')!.textContent).to.contain('Coping with error');
    expect(container.querySelector<HTMLElement>('#fallback')!.getClientRects().length).to.equal(0);
  });
});
