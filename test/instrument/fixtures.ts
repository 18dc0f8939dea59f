import type {Pack} from '../../src/instrument/types.js';

/** A small valid pack that each test copies and breaks in one place. */
export const basePack = {
  schema: 'resilience-survey/instrument@1',
  id: 'test-pack',
  version: '1.0.0',
  title: {en: 'Test', cy: 'Prawf'},
  languages: ['en', 'cy'],
  timepoints: [
    {id: 'pre', label: {en: 'Before', cy: 'Cyn'}},
    {id: 'post', label: {en: 'After', cy: 'Ar ôl'}},
  ],
  scales: {
    agree5: {
      points: [1, 2, 3, 4, 5].map((value) => ({value, label: String(value)})),
    },
  },
  support: {
    title: 'Support',
    text: 'Help is here.',
    links: [{label: 'Samaritans', href: 'tel:116123'}],
  },
  sections: [
    {
      id: 's1',
      title: 'One',
      items: [
        {id: 'q1', type: 'likert', scale: 'agree5', text: 'Q1'},
        {
          id: 'q2',
          type: 'choice',
          text: 'Q2',
          options: [
            {value: 'a', label: 'A'},
            {value: 'b', label: 'B'},
          ],
          correct: ['a'],
        },
        {id: 'q3', type: 'number', text: 'Q3', min: 0, max: 60},
      ],
    },
    {
      id: 's2',
      title: 'Two',
      timepoints: ['post'],
      items: [
        {id: 'r1', type: 'reflection', text: 'R1', steps: [{id: 'what', prompt: 'What?'}]},
        {
          id: 'c1',
          type: 'code',
          text: 'Code',
          parts: [{id: 'l', kind: 'letter', prompt: 'Letter'}],
        },
      ],
    },
  ],
  scores: [{id: 'sc', label: 'Score', method: 'mean', items: ['q1']}],
};

/** A fresh, mutable copy of `basePack` (plain JSON). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export const fresh = (): any => JSON.parse(JSON.stringify(basePack));

/** Builds a Pack from parts for the pure modules' tests (no parse needed). */
export function packOf(p: Partial<Pack> & Pick<Pack, 'sections'>): Pack {
  return {id: 'p', version: '1.0.0', title: 'P', timepoints: [{id: 't', label: 'T'}], ...p};
}
