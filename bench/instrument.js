// The bench instrument: 40 items (Likert items on two scales, choices, two reflections) on two
// pages of 20, written once and expressed in both formats, so the two renderers get the same
// questionnaire.
//   page 1: 20 agreement items (5 points)
//   page 2: 14 frequency items (5 points), 4 choices (3 single, 1 multiple), 2 reflections
// SurveyJS gets each Likert battery as one `matrix` (rows = items): what a SurveyJS author
// would write, and its fastest way to show 20 Likert rows, so the comparison does not favour
// the widget. The widget groups consecutive Likert items of one scale into a matrix layout too.

const agree = [
  'Strongly disagree',
  'Disagree',
  'Neither agree nor disagree',
  'Agree',
  'Strongly agree',
];
const often = ['Never', 'Rarely', 'Sometimes', 'Often', 'Always'];

const agreeItems = Array.from({length: 20}, (_, i) => ({
  id: `a${i + 1}`,
  text: `Statement ${i + 1} about coping with a stressful event at work: I can keep going after a setback.`,
}));
const oftenItems = Array.from({length: 14}, (_, i) => ({
  id: `f${i + 1}`,
  text: `In the last month, how often did situation ${i + 1} happen at work?`,
}));
const choices = [
  {
    id: 'c1',
    text: 'What is your profession?',
    options: ['Midwife', 'Nurse', 'Doctor', 'Paramedic', 'Other'],
  },
  {
    id: 'c2',
    text: 'How long have you worked in your current role?',
    options: ['Less than a year', '1 to 5 years', '6 to 10 years', 'More than 10 years'],
  },
  {
    id: 'c3',
    text: 'Where do you mostly work?',
    options: ['Hospital ward', 'Community', 'Theatre', 'Emergency department'],
  },
  {
    id: 'c4',
    text: 'Which kinds of support have you used?',
    multiple: true,
    options: ['Peer support', 'Supervision', 'Occupational health', 'Counselling', 'None'],
  },
];
const reflections = [
  {id: 'r1', text: 'Think of a difficult event at work. What happened, and how did you respond?'},
  {id: 'r2', text: 'What would you do differently next time, and what would help you do it?'},
];
const value = (label) =>
  label
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** The widget's native pack (`resilience-survey/instrument@1`). */
export const nativePack = {
  schema: 'resilience-survey/instrument@1',
  id: 'bench-40',
  version: '1.0.0',
  title: 'Benchmark questionnaire (40 items)',
  description: 'Forty questions on two pages, for measuring render and storage speed.',
  minutes: 10,
  languages: ['en'],
  timepoints: [{id: 'baseline', label: 'Before the training'}],
  scales: {
    agree5: {points: agree.map((label, i) => ({value: i + 1, label}))},
    often5: {points: often.map((label, i) => ({value: i, label}))},
  },
  sections: [
    {
      id: 'coping',
      title: 'How you cope',
      items: agreeItems.map(({id, text}) => ({id, type: 'likert', scale: 'agree5', text})),
    },
    {
      id: 'recently',
      title: 'Recently',
      items: [
        ...oftenItems.map(({id, text}) => ({id, type: 'likert', scale: 'often5', text})),
        ...choices.map(({id, text, options, multiple}) => ({
          id,
          type: 'choice',
          text,
          ...(multiple ? {multiple: true} : {}),
          options: options.map((label) => ({value: value(label), label})),
        })),
        ...reflections.map(({id, text}) => ({
          id,
          type: 'reflection',
          text,
          private: false,
          maxLength: 4000,
          steps: [{id: 's1', prompt: text}],
        })),
      ],
    },
  ],
};

/** The same questionnaire as SurveyJS JSON. */
export const surveyJson = {
  title: nativePack.title,
  description: nativePack.description,
  showQuestionNumbers: 'off',
  pages: [
    {
      name: 'coping',
      title: 'How you cope',
      elements: [
        {
          type: 'matrix',
          name: 'coping',
          title: 'How much do you agree?',
          columns: agree.map((text, i) => ({value: i + 1, text})),
          rows: agreeItems.map(({id, text}) => ({value: id, text})),
        },
      ],
    },
    {
      name: 'recently',
      title: 'Recently',
      elements: [
        {
          type: 'matrix',
          name: 'often',
          title: 'How often?',
          columns: often.map((text, i) => ({value: i, text})),
          rows: oftenItems.map(({id, text}) => ({value: id, text})),
        },
        ...choices.map(({id, text, options, multiple}) => ({
          type: multiple ? 'checkbox' : 'radiogroup',
          name: id,
          title: text,
          choices: options.map((label) => ({value: value(label), text: label})),
        })),
        ...reflections.map(({id, text}) => ({
          type: 'comment',
          name: id,
          title: text,
          maxLength: 4000,
        })),
      ],
    },
  ],
};
