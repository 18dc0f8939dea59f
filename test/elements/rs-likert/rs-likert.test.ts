import {expect, fixture, html, oneEvent} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import {RsLikert} from '../../../src/elements/rs-likert/rs-likert.js';
import {expectSame, formControlSuite, shiftTab} from '../form-control-suite.js';

if (!customElements.get('rs-likert')) customElements.define('rs-likert', RsLikert);

const points = [
  {value: 1, label: 'Strongly disagree'},
  {value: 2, label: 'Disagree'},
  {value: 3, label: 'Neutral'},
  {value: 4, label: 'Agree'},
  {value: 5, label: 'Strongly agree'},
];

const radiosOf = (el: RsLikert) => [
  ...el.shadowRoot!.querySelectorAll<HTMLInputElement>('input[type="radio"]'),
];
const fieldsetOf = (el: RsLikert) => el.shadowRoot!.querySelector('fieldset')!;
const focusedRadio = (el: RsLikert) => el.shadowRoot!.activeElement as HTMLInputElement | null;

formControlSuite<RsLikert>({
  tag: 'rs-likert',
  render: ({name, required}) =>
    html`<rs-likert
      name=${name}
      ?required=${required}
      label="I can cope with an error at work"
      .points=${points}
    ></rs-likert>`,
  answer: (el) => {
    el.value = 4;
  },
  answered: [['q', '4']],
  unanswered: [],
  restore: {state: '2', entries: [['q', '2']]},
  nativeControl: (el) => radiosOf(el)[0],
});

describe('rs-likert', () => {
  async function likert(attrs: Partial<RsLikert> = {}): Promise<RsLikert> {
    const el = await fixture<RsLikert>(
      html`<rs-likert label="I can cope with an error at work" .points=${points}></rs-likert>`,
    );
    Object.assign(el, attrs);
    await el.updateComplete;
    return el;
  }

  it('is a fieldset whose legend is the question, with a labelled native radio per point', async () => {
    const el = await likert();
    const fieldset = fieldsetOf(el);
    expect(fieldset.querySelector('legend')!.textContent).to.equal(
      'I can cope with an error at work',
    );
    const radios = radiosOf(el);
    expect(radios.map((r) => r.labels![0].textContent!.trim())).to.deep.equal(
      points.map((p) => p.label),
    );
    expect(new Set(radios.map((r) => r.name)).size).to.equal(1);
    await expect(el).to.be.accessible();
  });

  it('gives each instance its own radio group name', async () => {
    const parent = await fixture(
      html`<div>
        <rs-likert .points=${points} label="A"></rs-likert
        ><rs-likert .points=${points} label="B"></rs-likert>
      </div>`,
    );
    const [a, b] = [...parent.querySelectorAll('rs-likert')];
    await a.updateComplete;
    await b.updateComplete;
    expect(radiosOf(a)[0].name).to.not.equal(radiosOf(b)[0].name);
  });

  it('checks the radio of its value', async () => {
    const el = await likert({value: 3});
    expect(radiosOf(el).map((r) => r.checked)).to.deep.equal([false, false, true, false, false]);
    el.value = null;
    await el.updateComplete;
    expect(radiosOf(el).some((r) => r.checked)).to.equal(false);
  });

  it('reads points and value from attributes, and resets to the value attribute', async () => {
    const form = await fixture<HTMLFormElement>(
      html`<form>
        <rs-likert
          name="q"
          value="2"
          points='[{"value":1,"label":"No"},{"value":2,"label":"Yes"}]'
        ></rs-likert>
      </form>`,
    );
    const el = form.querySelector('rs-likert')!;
    await el.updateComplete;
    expect(el.value).to.equal(2);
    expect(radiosOf(el)[1].checked).to.equal(true);
    el.value = 1;
    await el.updateComplete;
    form.reset();
    await el.updateComplete;
    expect(el.value).to.equal(2);
  });

  it('treats malformed points as none', async () => {
    const el = await fixture<RsLikert>(html`<rs-likert points="[{oops"></rs-likert>`);
    expect(el.points).to.deep.equal([]);
    expect(radiosOf(el).length).to.equal(0);
  });

  describe('keyboard', () => {
    it('is one Tab stop, and arrow keys change the answer', async () => {
      const parent = await fixture<HTMLDivElement>(
        html`<div>
          <button>before</button>
          <rs-likert label="Q" .points=${points}></rs-likert>
          <button>after</button>
        </div>`,
      );
      const el = parent.querySelector('rs-likert')!;
      await el.updateComplete;
      parent.querySelector('button')!.focus();

      await sendKeys({press: 'Tab'});
      expectSame(document.activeElement, el, 'focus');
      expectSame(focusedRadio(el), radiosOf(el)[0], 'focus');

      await sendKeys({press: ' '});
      expect(el.value).to.equal(1);

      setTimeout(() => void sendKeys({press: 'ArrowRight'}));
      const change = await oneEvent(el, 'change');
      expect(change.composed).to.equal(true);
      expect(el.value).to.equal(2);
      expectSame(focusedRadio(el), radiosOf(el)[1], 'focus');

      await sendKeys({press: 'ArrowDown'});
      expect(el.value).to.equal(3);
      await sendKeys({press: 'ArrowLeft'});
      expect(el.value).to.equal(2);

      // Leaving the group is one Tab, whichever radio is checked.
      await sendKeys({press: 'Tab'});
      expectSame(document.activeElement, parent.querySelectorAll('button')[1], 'focus');
      if (await shiftTab()) expectSame(focusedRadio(el), radiosOf(el)[1], 'focus');
    });

    it('focus() lands on the checked radio', async () => {
      const el = await likert({value: 4});
      el.focus();
      expectSame(focusedRadio(el), radiosOf(el)[3], 'focus');
    });
  });

  describe('events', () => {
    it('sends one input and one change, bubbling out of the shadow root, when the person chooses', async () => {
      const parent = await fixture<HTMLDivElement>(
        html`<div><rs-likert label="Q" .points=${points}></rs-likert></div>`,
      );
      const el = parent.querySelector('rs-likert')!;
      await el.updateComplete;
      const seen: string[] = [];
      parent.addEventListener('input', (e) => seen.push(`input:${(e.target as RsLikert).value}`));
      parent.addEventListener('change', (e) => seen.push(`change:${(e.target as RsLikert).value}`));

      radiosOf(el)[2].click();
      expect(seen).to.deep.equal(['input:3', 'change:3']);

      // The checked radio again: nothing changes.
      radiosOf(el)[2].click();
      expect(seen).to.deep.equal(['input:3', 'change:3']);
      expect(el.value).to.equal(3);
    });

    it('sends nothing when the page sets the value', async () => {
      const el = await likert();
      let events = 0;
      el.addEventListener('input', () => events++);
      el.addEventListener('change', () => events++);
      el.value = 5;
      await el.updateComplete;
      expect(events).to.equal(0);
    });

    it('is valid inside its change listener once the person answers', async () => {
      const form = await fixture<HTMLFormElement>(
        html`<form><rs-likert name="q" required label="Q" .points=${points}></rs-likert></form>`,
      );
      const el = form.querySelector('rs-likert')!;
      await el.updateComplete;
      let validInListener: boolean | undefined;
      el.addEventListener('change', () => (validInListener = form.checkValidity()));
      radiosOf(el)[0].click();
      expect(validInListener).to.equal(true);
    });
  });

  describe('help and errors', () => {
    it('links help to the group', async () => {
      const el = await likert({help: 'Think of the last month'});
      const help = el.shadowRoot!.getElementById('help')!;
      expect(help.textContent).to.equal('Think of the last month');
      expect(fieldsetOf(el).getAttribute('aria-describedby')).to.equal('help');
    });

    it('shows an error tied to the group and marks the radios invalid', async () => {
      const el = await likert({help: 'Think of the last month', error: 'Choose how far you agree'});
      const fieldset = fieldsetOf(el);
      const ids = fieldset.getAttribute('aria-describedby')!.split(' ');
      expect(ids).to.include('error');
      expect(ids).to.include('help');
      const error = el.shadowRoot!.getElementById('error')!;
      expect(error.textContent).to.contain('Choose how far you agree');
      expect(error.textContent).to.contain('Error:');
      expect(radiosOf(el).every((r) => r.getAttribute('aria-invalid') === 'true')).to.equal(true);
      await expect(el).to.be.accessible();

      el.error = '';
      await el.updateComplete;
      expect(el.shadowRoot!.getElementById('error')).to.equal(null);
      expect(fieldset.getAttribute('aria-describedby')).to.equal('help');
      expect(radiosOf(el).some((r) => r.hasAttribute('aria-invalid'))).to.equal(false);
    });

    it('renders pack text as text, never as markup', async () => {
      const el = await likert({
        label: '<img src=x onerror="window.pwned=1">',
        points: [{value: 1, label: '<b>bold</b>'}],
      });
      expect(el.shadowRoot!.querySelector('img, b')).to.equal(null);
      expect(el.shadowRoot!.querySelector('legend')!.textContent).to.contain('<img');
    });

    it('is accessible when disabled', async () => {
      const el = await likert({disabled: true, value: 2});
      expect(radiosOf(el).every((r) => r.matches(':disabled'))).to.equal(true);
      await expect(el).to.be.accessible();
    });
  });

  describe('matrix layout', () => {
    const rows = (width: number, matrix = true) =>
      fixture<HTMLDivElement>(
        html`<div style="container-type: inline-size; inline-size: ${width}px">
          <rs-likert ?matrix=${matrix} label="Short" .points=${points}></rs-likert>
          <rs-likert
            ?matrix=${matrix}
            label="A much longer question that wraps onto more than one line in its column"
            help="With some help"
            .points=${points}
          ></rs-likert>
        </div>`,
      );

    async function rendered(width: number, matrix = true): Promise<RsLikert[]> {
      const box = await rows(width, matrix);
      const els = [...box.querySelectorAll('rs-likert')];
      await Promise.all(els.map((el) => el.updateComplete));
      return els;
    }

    const box = (el: Element) => el.getBoundingClientRect();

    it('puts a wide row on one line, question first, and aligns the columns of every row', async () => {
      const [a, b] = await rendered(900);
      for (const el of [a, b]) {
        const radios = radiosOf(el).map(box);
        const top = radios[0].top;
        expect(radios.every((r) => Math.abs(r.top - top) < 1)).to.equal(true);
        // The question is seen in the first column and read as the group's legend.
        const rowLabel = el.shadowRoot!.querySelector('.row-label')!;
        expect(box(rowLabel).right).to.be.at.most(radios[0].left);
        expect(box(rowLabel).top).to.be.at.most(radios[0].top);
        expect(rowLabel.getAttribute('aria-hidden')).to.equal('true');
        expect(rowLabel.textContent!.trim()).to.equal(el.label);
        expect(el.shadowRoot!.querySelector('legend')!.textContent).to.equal(el.label);
        // Point labels are read, not seen: the survey shows them once as column headers.
        for (const label of el.shadowRoot!.querySelectorAll('.option-label')) {
          expect(box(label).width).to.be.at.most(1);
          expect(label.textContent).to.not.equal('');
        }
      }
      const xs = (el: RsLikert) => radiosOf(el).map((r) => Math.round(box(r).left));
      expect(xs(a)).to.deep.equal(xs(b));
      await expect(a).to.be.accessible();
      await expect(b).to.be.accessible();
    });

    it('stacks the points with visible labels in a narrow container', async () => {
      const [a] = await rendered(320);
      const radios = radiosOf(a).map(box);
      expect(radios[1].top).to.be.greaterThan(radios[0].top);
      const label = a.shadowRoot!.querySelector('.option-label')!;
      expect(box(label).width).to.be.greaterThan(10);
      // Reflow: nothing wider than the container.
      expect(a.scrollWidth).to.be.at.most(320);
    });

    it('stacks when wide but not a matrix row', async () => {
      const [a] = await rendered(900, false);
      const radios = radiosOf(a).map(box);
      expect(radios[1].top).to.be.greaterThan(radios[0].top);
    });

    it('makes every option at least 24px high and wide enough to press', async () => {
      for (const width of [320, 900]) {
        const [a] = await rendered(width);
        for (const option of a.shadowRoot!.querySelectorAll('.option')) {
          expect(box(option).height).to.be.at.least(24);
          expect(box(option).width).to.be.at.least(24);
        }
      }
    });
  });
});
