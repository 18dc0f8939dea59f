// Written by `npm run packs` from source/coping-with-error.ts: edit that, then run it again.
import type {Pack} from '../types.js';

/** The built-in pack coping-with-error, its English text; each other language loads on its own. */
export const pack: Pack = {
  schema: 'resilience-survey/instrument@1',
  id: 'coping-with-error',
  version: '1.0.0',
  url: 'https://resilience-survey.example/instrument/coping-with-error',
  title: {en: 'Coping with error and stressful events'},
  description: {
    en: 'Questions about coping with errors and stressful events at work, before and after the training. Your answers help us learn whether the training helps.',
  },
  minutes: 10,
  languages: ['en', 'cy'],
  licence: {
    illustrative: true,
    text: {
      en: 'Illustrative questions written by the resilience-survey project. They have not been validated in any study: do not use the scores to judge any person.',
    },
  },
  timepoints: [
    {
      id: 'baseline',
      label: {en: 'Before the workshop'},
      description: {en: 'Please answer before the workshop starts.'},
    },
    {
      id: 'post-workshop',
      label: {en: 'After the workshop'},
      description: {en: 'Please answer at the end of the workshop.'},
    },
    {
      id: 'post-coaching',
      label: {en: 'After the coaching call'},
      description: {en: 'Please answer after your one-to-one coaching call.'},
    },
    {
      id: 'follow-up',
      label: {en: 'Follow-up'},
      description: {en: 'Please answer 4 to 6 weeks after your first questionnaire.'},
    },
  ],
  scales: {
    agree5: {
      points: [
        {value: 1, label: {en: 'Strongly disagree'}},
        {value: 2, label: {en: 'Disagree'}},
        {value: 3, label: {en: 'Neither agree nor disagree'}},
        {value: 4, label: {en: 'Agree'}},
        {value: 5, label: {en: 'Strongly agree'}},
      ],
    },
  },
  consent: {
    title: {en: 'About this questionnaire'},
    paragraphs: [
      {
        en: 'Who reads your answers: only the team evaluating this training. Your manager and your employer do not see individual answers, and reports describe groups, never one person.',
      },
      {
        en: 'We do not ask for your name. A code made from a few questions links your answers before and after the training. Your reflections stay on this device: they are never sent with your answers, and you can download your own copy.',
      },
      {
        en: 'How long we keep them: your answers are kept securely for five years after the evaluation ends, then deleted.',
      },
      {
        en: 'Taking part is voluntary, and you can stop at any time. To withdraw answers you have already sent, email the evaluation team with your participant code within four weeks of your last questionnaire.',
      },
      {
        en: 'Questions or concerns: contact the evaluation team at evaluation-team@example.org. (Placeholder: an organisation using this questionnaire puts its own team and contact details here.)',
      },
    ],
    statement: {en: 'I have read this information and I agree to take part.'},
  },
  support: {
    title: {en: 'If this brings up difficult feelings'},
    text: {
      en: 'Thinking about errors can be upsetting. Talk to your supervisor, a colleague you trust or your occupational health service. These free, confidential services can also help.',
    },
    links: [
      {
        label: {en: 'NHS Practitioner Health: mental health support for health professionals'},
        href: 'https://www.practitionerhealth.nhs.uk/',
      },
      {label: {en: 'Samaritans: call 116 123, free, day or night'}, href: 'tel:116123'},
      {label: {en: 'Samaritans in Welsh: call 0808 164 0123'}, href: 'tel:08081640123'},
      {label: {en: 'Email Samaritans: jo@samaritans.org'}, href: 'mailto:jo@samaritans.org'},
    ],
  },
  feedback: true,
  sections: [
    {
      id: 'participant',
      title: {en: 'Your participant code'},
      description: {
        en: 'We do not ask for your name. Instead, three questions make a code that links your answers over time.',
      },
      items: [
        {
          id: 'code',
          type: 'code',
          required: true,
          text: {en: 'Make your participant code'},
          help: {en: 'Answer the same way each time, so that your answers can be linked.'},
          parts: [
            {id: 'name2', kind: 'letter', prompt: {en: 'Second letter of your first name'}},
            {
              id: 'month',
              kind: 'month',
              prompt: {en: 'The month you were born'},
              help: {en: 'Two digits, for example 07 for July'},
            },
            {
              id: 'mother1',
              kind: 'letter',
              prompt: {en: "First letter of your mother's first name"},
              help: {en: 'Or of the first name of the person who brought you up'},
            },
          ],
        },
      ],
    },
    {
      id: 'background',
      title: {en: 'About your work'},
      timepoints: ['baseline'],
      items: [
        {
          id: 'profession',
          type: 'choice',
          text: {en: 'What is your profession?'},
          options: [
            {value: 'midwife', label: {en: 'Midwife'}},
            {value: 'nurse', label: {en: 'Nurse'}},
            {value: 'paediatrician', label: {en: 'Paediatrician'}},
            {value: 'obstetrician', label: {en: 'Obstetrician or gynaecologist'}},
            {value: 'paramedic', label: {en: 'Paramedic'}},
            {value: 'physician-associate', label: {en: 'Physician associate'}},
            {value: 'mammographer', label: {en: 'Mammographer'}},
            {value: 'sonographer', label: {en: 'Sonographer'}},
            {value: 'other', label: {en: 'Something else'}},
          ],
        },
        {
          id: 'profession-other',
          type: 'text',
          required: true,
          maxLength: 100,
          showIf: {item: 'profession', op: 'equals', value: 'other'},
          text: {en: 'What is your profession?'},
          help: {en: 'In a few words'},
        },
        {
          id: 'in-training',
          type: 'choice',
          text: {en: 'Are you in training at the moment (a student or a trainee)?'},
          options: [
            {value: 'yes', label: {en: 'Yes'}},
            {value: 'no', label: {en: 'No'}},
          ],
        },
        {
          id: 'years',
          type: 'number',
          min: 0,
          max: 60,
          unit: {en: 'years'},
          showIf: {item: 'in-training', op: 'equals', value: 'no'},
          text: {en: 'How many years have you worked in your profession since qualifying?'},
          help: {en: 'Enter 0 if it is less than a year.'},
        },
      ],
    },
    {
      id: 'confidence',
      title: {en: 'Coping with adverse events'},
      description: {
        en: 'How much do you agree with each statement? There are no right or wrong answers.',
      },
      items: [
        {
          id: 'conf-1',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I know what to do to look after myself after an adverse event at work.'},
          required: true,
        },
        {
          id: 'conf-2',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I can talk openly with a colleague about a mistake I have made.'},
          required: true,
        },
        {
          id: 'conf-3',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I can notice when my thinking about a mistake becomes unhelpful.'},
          required: true,
        },
        {
          id: 'conf-4',
          type: 'likert',
          scale: 'agree5',
          text: {
            en: 'After something goes wrong at work, I find it hard to stop going over it in my mind.',
          },
          required: true,
          reverse: true,
        },
        {
          id: 'conf-5',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I know where to find support if a stressful event at work affects me.'},
          required: true,
        },
        {
          id: 'conf-6',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I can use a breathing exercise to calm myself in a stressful moment.'},
          required: true,
        },
        {
          id: 'conf-7',
          type: 'likert',
          scale: 'agree5',
          text: {
            en: 'I can learn from an error without losing confidence in my ability to do my job.',
          },
          required: true,
        },
      ],
    },
    {
      id: 'knowledge',
      title: {en: 'What you know'},
      description: {
        en: 'A short check of the ideas in the training. It is not a test of you: choose the answer you think is best.',
      },
      items: [
        {
          id: 'know-1',
          type: 'choice',
          required: true,
          text: {en: 'Which statement about distress after an error is true?'},
          options: [
            {
              value: 'common',
              label: {en: 'Distress after an error is common and is not a sign of weakness.'},
            },
            {
              value: 'inexperienced',
              label: {en: 'Only inexperienced staff feel distressed after an error.'},
            },
            {
              value: 'unsuited',
              label: {en: 'Feeling distressed means you are not suited to clinical work.'},
            },
          ],
          correct: ['common'],
        },
        {
          id: 'know-2',
          type: 'choice',
          multiple: true,
          required: true,
          text: {en: 'Which of these are unhelpful thinking habits? Choose all that apply.'},
          options: [
            {value: 'worst', label: {en: 'Expecting the worst possible outcome'}},
            {value: 'all-or-nothing', label: {en: 'Seeing things as wholly good or wholly bad'}},
            {value: 'ask', label: {en: 'Asking a colleague how they see what happened'}},
            {value: 'mind-reading', label: {en: 'Assuming you know what others think of you'}},
          ],
          correct: ['worst', 'all-or-nothing', 'mind-reading'],
        },
        {
          id: 'know-3',
          type: 'choice',
          required: true,
          text: {en: 'What does “explanatory style” describe?'},
          options: [
            {value: 'self', label: {en: 'How a person explains a setback to themselves'}},
            {value: 'diagnosis', label: {en: 'How a clinician explains a diagnosis to a patient'}},
            {value: 'report', label: {en: 'How an incident report should be written'}},
          ],
          correct: ['self'],
        },
        {
          id: 'know-4',
          type: 'choice',
          multiple: true,
          required: true,
          text: {
            en: 'Which of these can help you calm down in a stressful moment? Choose all that apply.',
          },
          options: [
            {value: 'breathing', label: {en: 'Slow breathing, with a longer breath out than in'}},
            {value: 'naming', label: {en: 'Naming to yourself what you are feeling'}},
            {value: 'replaying', label: {en: 'Replaying the event again and again'}},
            {value: 'skipping', label: {en: 'Skipping your break to catch up'}},
          ],
          correct: ['breathing', 'naming'],
        },
        {
          id: 'know-5',
          type: 'choice',
          required: true,
          text: {en: 'What does coping well after an error depend on?'},
          options: [
            {value: 'character', label: {en: "Only the person's own strength of character"}},
            {value: 'both', label: {en: 'Both the person and the support and systems around them'}},
            {value: 'luck', label: {en: 'Mostly luck'}},
          ],
          correct: ['both'],
        },
      ],
    },
    {
      id: 'bouncing-back',
      title: {en: 'Your resilience'},
      items: [
        {
          id: 'resilience',
          type: 'scale',
          required: true,
          min: 0,
          max: 10,
          text: {en: 'Overall, how well do you recover after a difficult event at work?'},
          minLabel: {en: 'Not well at all'},
          maxLabel: {en: 'Very well'},
        },
      ],
    },
    {
      id: 'evaluation',
      title: {en: 'What you thought of the training'},
      description: {en: 'How much do you agree with each statement?'},
      timepoints: ['post-workshop', 'post-coaching', 'follow-up'],
      items: [
        {
          id: 'eval-relevant',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'The training was relevant to my clinical work.'},
        },
        {
          id: 'eval-interactive',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'The training was interactive: I took an active part.'},
        },
        {
          id: 'eval-applicable',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'I can apply what I learned in my day-to-day work.'},
        },
        {
          id: 'eval-own-coping',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'The training helped me explore how I cope with my own mistakes.'},
        },
        {
          id: 'eval-organisation',
          type: 'likert',
          scale: 'agree5',
          text: {
            en: 'The training recognised that things outside my control, such as staffing and systems, affect how I cope.',
          },
        },
        {
          id: 'eval-coaching',
          type: 'likert',
          scale: 'agree5',
          text: {en: 'The coaching call helped me take my action plan forward.'},
          timepoints: ['post-coaching', 'follow-up'],
        },
        {
          id: 'eval-comments',
          type: 'long-text',
          maxLength: 2000,
          text: {en: 'What would you change about the training, if anything?'},
          help: {en: 'Please leave out anything that could identify a patient or a colleague.'},
        },
      ],
    },
    {
      id: 'looking-back',
      title: {en: 'Looking back'},
      timepoints: ['post-workshop', 'post-coaching', 'follow-up'],
      items: [
        {
          id: 'retro-confidence',
          type: 'scale',
          min: 0,
          max: 10,
          text: {
            en: 'Think back to before the training. How confident were you then about coping with an adverse event at work?',
          },
          minLabel: {en: 'Not at all confident'},
          maxLabel: {en: 'Completely confident'},
        },
        {
          id: 'now-confidence',
          type: 'scale',
          min: 0,
          max: 10,
          text: {en: 'And now: how confident are you about coping with an adverse event at work?'},
          minLabel: {en: 'Not at all confident'},
          maxLabel: {en: 'Completely confident'},
        },
      ],
    },
    {
      id: 'reflect',
      title: {en: 'Reflecting on a difficult event'},
      description: {
        en: 'These reflections are for you. They stay on this device and are never sent with your answers. Write as much or as little as you like; every step is optional.',
      },
      timepoints: ['post-workshop', 'post-coaching'],
      items: [
        {
          id: 'gibbs',
          type: 'reflection',
          suggestedLength: 300,
          maxLength: 4000,
          text: {en: 'Think of a difficult event at work, and take it step by step.'},
          help: {en: 'Please leave out anything that could identify a patient or a colleague.'},
          steps: [
            {
              id: 'description',
              prompt: {en: 'What happened?'},
              help: {en: 'Describe the event briefly, without judging it yet.'},
            },
            {id: 'feelings', prompt: {en: 'What were you thinking and feeling?'}},
            {
              id: 'evaluation',
              prompt: {en: 'What was good and what was bad about the experience?'},
            },
            {
              id: 'analysis',
              prompt: {
                en: 'Why do you think it happened as it did? What was in your control, and what was not?',
              },
            },
            {
              id: 'conclusion',
              prompt: {en: 'What else could you have done? What have you learned?'},
            },
            {id: 'action', prompt: {en: 'If it happened again, what would you do?'}},
          ],
        },
        {
          id: 'explain',
          type: 'reflection',
          timepoints: ['post-workshop'],
          maxLength: 4000,
          text: {en: 'Another explanation'},
          help: {en: 'How we explain a setback to ourselves shapes how we feel about it.'},
          steps: [
            {id: 'what-happened', prompt: {en: 'What happened?'}},
            {id: 'my-explanation', prompt: {en: 'How did you explain it to yourself at the time?'}},
            {
              id: 'another',
              prompt: {en: 'What is another explanation, one that a fair observer might give?'},
            },
          ],
        },
        {
          id: 'compassion',
          type: 'reflection',
          maxLength: 4000,
          text: {en: 'Being kind to yourself'},
          steps: [
            {
              id: 'colleague',
              prompt: {
                en: 'If a colleague told you this had happened to them, what would you say to them?',
              },
            },
            {id: 'yourself', prompt: {en: 'Can you say the same to yourself? Write it here.'}},
          ],
        },
      ],
    },
    {
      id: 'plan',
      title: {en: 'Your action plan'},
      description: {
        en: 'Start your plan after the workshop, and build on it after your coaching call. It stays on this device and is never sent with your answers.',
      },
      timepoints: ['post-workshop', 'post-coaching'],
      items: [
        {
          id: 'action-plan',
          type: 'reflection',
          maxLength: 2000,
          text: {en: 'My action plan'},
          steps: [
            {
              id: 'change',
              prompt: {en: 'One thing I will do to look after myself when something goes wrong'},
            },
            {id: 'first-step', prompt: {en: 'My first step, and when I will take it'}},
            {
              id: 'talk-to',
              prompt: {en: 'Who could I talk to?'},
              help: {en: 'A colleague you respect, your supervisor or a mentor'},
            },
            {id: 'obstacles', prompt: {en: 'What might get in the way, and what would help?'}},
          ],
        },
      ],
    },
  ],
  scores: [
    {
      id: 'confidence',
      label: {en: 'Confidence in coping with adverse events (1 to 5)'},
      method: 'mean',
      items: ['conf-1', 'conf-2', 'conf-3', 'conf-4', 'conf-5', 'conf-6', 'conf-7'],
    },
    {
      id: 'knowledge',
      label: {en: 'Knowledge check: correct answers'},
      method: 'correct',
      items: ['know-1', 'know-2', 'know-3', 'know-4', 'know-5'],
    },
  ],
};
