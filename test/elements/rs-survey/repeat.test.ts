import {expect, waitUntil} from '@open-wc/testing';
import {sendKeys} from '@web/test-runner-commands';
import type {Pack} from '../../../src/instrument/types.js';
import {
  $,
  $$,
  clickButton,
  deepActive,
  freshKey,
  heading,
  mountSurvey,
  reloadSurvey,
  settle,
} from '../../support/survey.js';

/** A pack with a repeating group (a condition inside it), and a repeating number. */
const pack: Pack = {
  id: 'repeat-test',
  version: '1.0.0',
  title: 'Medicines',
  timepoints: [{id: 'baseline', label: 'Baseline'}],
  sections: [
    {
      id: 'meds',
      title: 'Your medicines',
      items: [
        {
          id: 'med',
          type: 'group',
          text: 'Medicine',
          max: 3,
          items: [
            {id: 'name', type: 'text', text: 'Name of the medicine', required: true},
            {
              id: 'daily',
              type: 'choice',
              text: 'Do you take it every day?',
              options: [
                {value: 'yes', label: 'Yes'},
                {value: 'no', label: 'No'},
              ],
            },
            {
              id: 'when',
              type: 'text',
              text: 'When do you take it?',
              showIf: {item: 'daily', op: 'equals', value: 'no'},
            },
          ],
        },
        {id: 'weight', type: 'number', text: 'Weight in kg', repeats: true, max: 500},
      ],
    },
  ],
};

const answersOf = (el: HTMLElement) =>
  (el as unknown as {answers: Record<string, unknown>}).answers;
const instances = (el: HTMLElement) =>
  $$(el as never, '.instance').map((i) => i.querySelector('.instance-label')!.textContent!.trim());
const status = (el: HTMLElement) =>
  $$(el as never, '.repeat [role="status"]')
    .map((s) => s.textContent!.trim())
    .join(' ');
const input = (el: HTMLElement, id: string) =>
  $<HTMLInputElement>(el as never, `#q-${id.replace(/\./g, '--')}-input`)!;

async function type(el: HTMLElement, id: string, text: string) {
  const field = input(el, id);
  field.focus();
  field.value = text;
  field.dispatchEvent(new Event('input', {bubbles: true, composed: true}));
  await (el as unknown as {updateComplete: Promise<unknown>}).updateComplete;
}

async function onMeds() {
  const mounted = await mountSurvey(pack, {key: freshKey()});
  await clickButton(mounted.el, 'Start');
  await settle(mounted.el);
  expect(heading(mounted.el)).to.equal('Your medicines');
  return mounted;
}

describe('rs-survey: repeating groups and repeating answers', function () {
  this.timeout(60000);

  it('shows one instance, labelled, and is accessible', async () => {
    const {el} = await onMeds();
    expect(instances(el)).to.deep.equal(['Medicine 1 of 1']);
    const group = $(el, '.instance')!;
    expect(group.getAttribute('role')).to.equal('group');
    expect(
      el.shadowRoot!.getElementById(group.getAttribute('aria-labelledby')!)!.textContent!.trim(),
    ).to.equal('Medicine 1 of 1');
    // One instance, at least one shown: nothing to remove yet.
    expect($$(el, '.instance button').length).to.equal(0);
    await expect(el).to.be.accessible();
  });

  it('adds an instance with the keyboard: focus in its first field, and it is announced', async () => {
    const {el} = await onMeds();
    const add = $$<HTMLButtonElement>(el, 'button').find(
      (b) => b.textContent!.trim() === 'Add another Medicine',
    )!;
    add.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => deepActive() === input(el, 'med.2.name'), 'focus in the new instance');
    expect(instances(el)).to.deep.equal(['Medicine 1 of 2', 'Medicine 2 of 2']);
    expect(status(el)).to.contain('Medicine 2 of 2 added.');
    await expect(el).to.be.accessible();
  });

  it('keeps each instance its own answers and conditions', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another Medicine');
    await type(el, 'med.1.name', 'Aspirin');
    await type(el, 'med.2.name', 'Insulin');
    const no = $$<HTMLInputElement>(el, '#q-med--2--daily input').find((i) => i.value === 'no')!;
    no.click();
    await settle(el);
    // "When" shows in the second instance only: its own "daily" says no.
    expect(input(el, 'med.2.when')).to.exist;
    expect(input(el, 'med.1.when')).to.equal(null);
    expect(answersOf(el)['med.1.name']).to.equal('Aspirin');
    expect(answersOf(el)['med.2.name']).to.equal('Insulin');
    expect(answersOf(el)['med.2.daily']).to.deep.equal(['no']);
  });

  it('checks a required item in every instance', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another Medicine');
    await type(el, 'med.1.name', 'Aspirin');
    await clickButton(el, 'Next');
    await settle(el);
    expect(heading(el)).to.equal('Your medicines');
    const summary = $(el, '.error-summary')!;
    expect(summary.textContent).to.contain('Medicine 2: Name of the medicine');
    expect(input(el, 'med.2.name').getAttribute('aria-invalid')).to.equal('true');
    expect(input(el, 'med.1.name').getAttribute('aria-invalid')).to.equal(null);
  });

  it('removes an instance with Undo: focus on Undo, announced, and Undo brings its answers back', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another Medicine');
    await type(el, 'med.1.name', 'Aspirin');
    await type(el, 'med.2.name', 'Insulin');
    const remove = $$<HTMLButtonElement>(el, '.instance button')[0];
    expect(remove.textContent!.replace(/\s+/g, ' ').trim()).to.equal('Remove Medicine 1 of 2');
    remove.focus();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => deepActive()?.id === 'q-med-undo', 'focus on Undo');
    expect(instances(el)).to.deep.equal(['Medicine 1 of 1']);
    expect(input(el, 'med.2.name').value).to.equal('Insulin');
    expect(answersOf(el)['med.1.name']).to.equal(undefined);
    expect(status(el)).to.contain('Medicine 1 of 2 removed.');
    await expect(el).to.be.accessible();
    await sendKeys({press: 'Enter'});
    await waitUntil(() => deepActive() === input(el, 'med.1.name'), 'focus back in it');
    expect(instances(el)).to.deep.equal(['Medicine 1 of 2', 'Medicine 2 of 2']);
    expect(input(el, 'med.1.name').value).to.equal('Aspirin');
    expect(status(el)).to.contain('restored');
  });

  it('names each instance on the review page', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another Medicine');
    await type(el, 'med.1.name', 'Aspirin');
    await type(el, 'med.2.name', 'Insulin');
    await clickButton(el, 'Next');
    await settle(el);
    const rows = $$(el, '.review-row dt').map((d) => d.textContent!.trim());
    expect(rows.slice(0, 4)).to.deep.equal([
      'Medicine 1: Name of the medicine',
      'Medicine 1: Do you take it every day?',
      'Medicine 2: Name of the medicine',
      'Medicine 2: Do you take it every day?',
    ]);
    expect($$(el, '.review-row dd .answer').map((d) => d.textContent!.trim())).to.include.members([
      'Aspirin',
      'Insulin',
    ]);
  });

  it("keeps its styles when the last pages' code arrives with theirs, on the same page", async () => {
    const {el} = await onMeds();
    const border = () => getComputedStyle($(el, '.instance')!).borderInlineStartWidth;
    expect(border()).to.equal('4px');
    // Loads the finish code, whose styles the survey adopts (local mode: nothing to send).
    await el.flush().catch(() => {});
    await settle(el);
    expect(border()).to.equal('4px');
  });

  it('stops adding at max', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another Medicine');
    await clickButton(el, 'Add another Medicine');
    expect(instances(el)).to.have.length(3);
    expect($$(el, 'button').some((b) => b.textContent!.includes('Add another Medicine'))).to.equal(
      false,
    );
  });

  it('keeps every instance, even an empty one, across a reload', async () => {
    const mounted = await onMeds();
    const {el} = mounted;
    await clickButton(el, 'Add another Medicine');
    await clickButton(el, 'Add another Medicine');
    await type(el, 'med.1.name', 'Aspirin');
    await type(el, 'med.3.name', 'Insulin');
    await clickButton(el, 'Add another answer');
    await type(el, 'weight.1', '70');
    await type(el, 'weight.2', '71.5');
    const again = await reloadSurvey(mounted);
    await waitUntil(() => heading(again.el) === 'Your medicines', 'back on the page');
    await settle(again.el);
    expect(instances(again.el)).to.deep.equal([
      'Medicine 1 of 3',
      'Medicine 2 of 3',
      'Medicine 3 of 3',
    ]);
    expect(input(again.el, 'med.3.name').value).to.equal('Insulin');
    expect(input(again.el, 'weight.2').value).to.equal('71.5');
  });

  it('takes several answers to a repeating question, each with its own label', async () => {
    const {el} = await onMeds();
    await clickButton(el, 'Add another answer');
    const labels = $$(el, '.repeat-answer label').map((l) => l.textContent!.replace(/\s+/g, ' '));
    expect(labels[0]).to.contain('Weight in kg (answer 1 of 2)');
    expect(labels[1]).to.contain('Weight in kg (answer 2 of 2)');
    await waitUntil(() => deepActive() === input(el, 'weight.2'), 'focus in the new field');
    // Each answer's Remove follows it in the tab order.
    input(el, 'weight.1').focus();
    await sendKeys({press: 'Tab'});
    expect(deepActive()?.textContent?.replace(/\s+/g, ' ').trim()).to.equal('Remove answer 1 of 2');
    await expect(el).to.be.accessible();
  });
});
