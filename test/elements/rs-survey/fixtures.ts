import type {Pack} from '../../../src/instrument/types.js';

/** A small pack with every question type, two timepoints and a consent page. */
export const everyType: Pack = {
  id: 'every-type',
  version: '1.2.0',
  title: {en: 'Every type', cy: 'Pob math'},
  description: 'A test pack.',
  minutes: 3,
  languages: ['en', 'cy'],
  timepoints: [
    {id: 'before', label: 'Before'},
    {id: 'after', label: 'After'},
  ],
  scales: {
    agree: {
      points: [
        {value: 1, label: {en: 'Disagree', cy: 'Anghytuno'}},
        {value: 2, label: 'Neutral'},
        {value: 3, label: {en: 'Agree', cy: 'Cytuno'}},
      ],
    },
  },
  consent: {
    paragraphs: ['The research team reads your answers.', 'You can withdraw at any time.'],
    statement: 'I agree to take part.',
  },
  support: {
    title: 'Support',
    text: 'Talk to someone.',
    links: [{label: 'Samaritans', href: 'tel:116123'}],
  },
  feedback: true,
  sections: [
    {
      id: 'about',
      title: {en: 'About you', cy: 'Amdanoch chi'},
      items: [
        {
          id: 'code',
          type: 'code',
          text: 'Your participant code',
          required: true,
          parts: [
            {id: 'letter', prompt: 'Second letter of your first name', kind: 'letter'},
            {id: 'month', prompt: 'Your birth month', kind: 'month'},
          ],
        },
        {id: 'years', type: 'number', text: 'Years in practice', min: 0, max: 60, required: true},
        {
          id: 'role',
          type: 'choice',
          text: 'Your role',
          required: true,
          options: [
            {value: 'midwife', label: 'Midwife'},
            {value: 'other', label: 'Other'},
          ],
        },
        {
          id: 'role-other',
          type: 'text',
          text: 'Which role?',
          showIf: {item: 'role', op: 'includes', value: 'other'},
          required: true,
        },
      ],
    },
    {
      id: 'confidence',
      title: 'Confidence',
      description: 'How much do you agree?',
      items: [
        {id: 'conf-1', type: 'likert', scale: 'agree', text: 'I can cope.', required: true},
        {
          id: 'conf-2',
          type: 'likert',
          scale: 'agree',
          text: 'I worry a lot.',
          reverse: true,
          required: true,
        },
        {
          id: 'rate',
          type: 'scale',
          text: 'Rate yourself',
          min: 0,
          max: 10,
          minLabel: 'Low',
          maxLabel: 'High',
        },
      ],
    },
    {
      id: 'knowledge',
      title: 'Knowledge',
      timepoints: ['after'],
      items: [
        {id: 'note', type: 'display', text: 'Choose all that apply.'},
        {
          id: 'know-1',
          type: 'choice',
          multiple: true,
          text: 'Which help?',
          options: [
            {value: 'a', label: 'Breathing'},
            {value: 'b', label: 'Blame'},
            {value: 'c', label: 'Talking'},
          ],
          correct: ['a', 'c'],
        },
        {id: 'comments', type: 'long-text', text: 'Comments', maxLength: 500},
      ],
    },
    {
      id: 'reflect',
      title: 'Reflection',
      items: [
        {
          id: 'refl',
          type: 'reflection',
          text: 'Think of an event',
          steps: [
            {id: 'what', prompt: 'What happened?'},
            {id: 'feel', prompt: 'How did you feel?'},
          ],
          suggestedLength: 300,
        },
      ],
    },
  ],
  scores: [
    {id: 'confidence', label: 'Confidence', method: 'mean', items: ['conf-1', 'conf-2']},
    {id: 'knowledge', label: 'Knowledge', method: 'correct', items: ['know-1']},
  ],
};
