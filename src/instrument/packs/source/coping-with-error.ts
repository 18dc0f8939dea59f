/**
 * The built-in pack: the project's own wording in English and Welsh, for the coping-with-error
 * training evaluated at four timepoints. Illustrative, not a validated instrument: no item is
 * taken from a published scale, and the scores must not be used to judge anyone.
 */
import type {ChoiceOption, LikertItem, Pack, Text} from '../../types.js';

const LATER = ['post-workshop', 'post-coaching', 'follow-up'];
const REFLECT = ['post-workshop', 'post-coaching'];

const agree = (id: string, text: Text, extra: Partial<LikertItem> = {}): LikertItem => ({
  id,
  type: 'likert',
  scale: 'agree5',
  text,
  ...extra,
});

const option = (value: string, en: string, cy: string): ChoiceOption => ({
  value,
  label: {en, cy},
});

const noPatientDetails = {
  en: 'Please leave out anything that could identify a patient or a colleague.',
  cy: 'Peidiwch â chynnwys unrhyw beth a allai ddatgelu pwy yw claf neu gydweithiwr.',
};

export const pack: Pack = {
  schema: 'resilience-survey/instrument@1',
  id: 'coping-with-error',
  version: '1.0.0',
  url: 'https://resilience-survey.example/instrument/coping-with-error',
  title: {
    en: 'Coping with error and stressful events',
    cy: 'Ymdopi â chamgymeriadau a digwyddiadau llawn straen',
  },
  description: {
    en: 'Questions about coping with errors and stressful events at work, before and after the training. Your answers help us learn whether the training helps.',
    cy: "Cwestiynau am ymdopi â chamgymeriadau a digwyddiadau llawn straen yn y gwaith, cyn ac ar ôl yr hyfforddiant. Mae eich atebion yn ein helpu i ddysgu a yw'r hyfforddiant yn helpu.",
  },
  minutes: 10,
  languages: ['en', 'cy'],
  licence: {
    illustrative: true,
    text: {
      en: 'Illustrative questions written by the resilience-survey project. They have not been validated in any study: do not use the scores to judge any person.',
      cy: "Cwestiynau enghreifftiol a ysgrifennwyd gan brosiect resilience-survey. Nid ydynt wedi'u dilysu mewn unrhyw astudiaeth: peidiwch â defnyddio'r sgoriau i farnu unrhyw unigolyn.",
    },
  },
  timepoints: [
    {
      id: 'baseline',
      label: {en: 'Before the workshop', cy: 'Cyn y gweithdy'},
      description: {
        en: 'Please answer before the workshop starts.',
        cy: "Atebwch cyn i'r gweithdy ddechrau.",
      },
    },
    {
      id: 'post-workshop',
      label: {en: 'After the workshop', cy: 'Ar ôl y gweithdy'},
      description: {
        en: 'Please answer at the end of the workshop.',
        cy: 'Atebwch ar ddiwedd y gweithdy.',
      },
    },
    {
      id: 'post-coaching',
      label: {en: 'After the coaching call', cy: 'Ar ôl yr alwad hyfforddi'},
      description: {
        en: 'Please answer after your one-to-one coaching call.',
        cy: 'Atebwch ar ôl eich galwad hyfforddi un-i-un.',
      },
    },
    {
      id: 'follow-up',
      label: {en: 'Follow-up', cy: 'Dilyniant'},
      description: {
        en: 'Please answer 4 to 6 weeks after your first questionnaire.',
        cy: 'Atebwch 4 i 6 wythnos ar ôl eich holiadur cyntaf.',
      },
    },
  ],
  scales: {
    agree5: {
      points: [
        {value: 1, label: {en: 'Strongly disagree', cy: "Anghytuno'n gryf"}},
        {value: 2, label: {en: 'Disagree', cy: 'Anghytuno'}},
        {
          value: 3,
          label: {en: 'Neither agree nor disagree', cy: 'Ddim yn cytuno nac yn anghytuno'},
        },
        {value: 4, label: {en: 'Agree', cy: 'Cytuno'}},
        {value: 5, label: {en: 'Strongly agree', cy: "Cytuno'n gryf"}},
      ],
    },
  },
  consent: {
    title: {en: 'About this questionnaire', cy: 'Am yr holiadur hwn'},
    paragraphs: [
      {
        en: 'Who reads your answers: only the team evaluating this training. Your manager and your employer do not see individual answers, and reports describe groups, never one person.',
        cy: "Pwy sy'n darllen eich atebion: dim ond y tîm sy'n gwerthuso'r hyfforddiant hwn. Nid yw eich rheolwr na'ch cyflogwr yn gweld atebion unigol, ac mae adroddiadau'n disgrifio grwpiau, byth un person.",
      },
      {
        en: 'We do not ask for your name. A code made from a few questions links your answers before and after the training. Your reflections stay on this device: they are never sent with your answers, and you can download your own copy.',
        cy: "Nid ydym yn gofyn am eich enw. Mae cod a wneir o ychydig o gwestiynau yn cysylltu eich atebion cyn ac ar ôl yr hyfforddiant. Mae eich myfyrdodau'n aros ar y ddyfais hon: nid ydynt byth yn cael eu hanfon gyda'ch atebion, a gallwch lawrlwytho eich copi eich hun.",
      },
      {
        en: 'How long we keep them: your answers are kept securely for five years after the evaluation ends, then deleted.',
        cy: "Am ba hyd rydyn ni'n eu cadw: caiff eich atebion eu cadw'n ddiogel am bum mlynedd ar ôl i'r gwerthusiad ddod i ben, ac yna eu dileu.",
      },
      {
        en: 'Taking part is voluntary, and you can stop at any time. To withdraw answers you have already sent, email the evaluation team with your participant code within four weeks of your last questionnaire.',
        cy: "Mae cymryd rhan yn wirfoddol, a gallwch roi'r gorau iddi ar unrhyw adeg. I dynnu'n ôl atebion rydych chi eisoes wedi'u hanfon, e-bostiwch y tîm gwerthuso gyda'ch cod cyfranogwr o fewn pedair wythnos i'ch holiadur olaf.",
      },
      {
        en: 'Questions or concerns: contact the evaluation team at evaluation-team@example.org. (Placeholder: an organisation using this questionnaire puts its own team and contact details here.)',
        cy: "Cwestiynau neu bryderon: cysylltwch â'r tîm gwerthuso yn evaluation-team@example.org. (Testun enghreifftiol: bydd sefydliad sy'n defnyddio'r holiadur hwn yn rhoi manylion ei dîm ei hun yma.)",
      },
    ],
    statement: {
      en: 'I have read this information and I agree to take part.',
      cy: "Rwyf wedi darllen yr wybodaeth hon ac rwy'n cytuno i gymryd rhan.",
    },
  },
  support: {
    title: {en: 'If this brings up difficult feelings', cy: 'Os yw hyn yn codi teimladau anodd'},
    text: {
      en: 'Thinking about errors can be upsetting. Talk to your supervisor, a colleague you trust or your occupational health service. These free, confidential services can also help.',
      cy: "Gall meddwl am gamgymeriadau beri gofid. Siaradwch â'ch goruchwyliwr, â chydweithiwr rydych chi'n ymddiried ynddo neu â'ch gwasanaeth iechyd galwedigaethol. Gall y gwasanaethau cyfrinachol, rhad ac am ddim hyn helpu hefyd.",
    },
    links: [
      {
        label: {
          en: 'NHS Practitioner Health: mental health support for health professionals',
          cy: 'NHS Practitioner Health: cymorth iechyd meddwl i weithwyr iechyd proffesiynol',
        },
        href: 'https://www.practitionerhealth.nhs.uk/',
      },
      {
        label: {
          en: 'Samaritans: call 116 123, free, day or night',
          cy: 'Samaritans: ffoniwch 116 123, am ddim, ddydd neu nos',
        },
        href: 'tel:116123',
      },
      {
        label: {
          en: 'Samaritans in Welsh: call 0808 164 0123',
          cy: 'Samaritans yn Gymraeg: ffoniwch 0808 164 0123',
        },
        href: 'tel:08081640123',
      },
      {
        label: {
          en: 'Email Samaritans: jo@samaritans.org',
          cy: 'E-bostiwch Samaritans: jo@samaritans.org',
        },
        href: 'mailto:jo@samaritans.org',
      },
    ],
  },
  feedback: true,
  sections: [
    {
      id: 'participant',
      title: {en: 'Your participant code', cy: 'Eich cod cyfranogwr'},
      description: {
        en: 'We do not ask for your name. Instead, three questions make a code that links your answers over time.',
        cy: "Nid ydym yn gofyn am eich enw. Yn lle hynny, mae tri chwestiwn yn creu cod sy'n cysylltu eich atebion dros amser.",
      },
      items: [
        {
          id: 'code',
          type: 'code',
          required: true,
          text: {en: 'Make your participant code', cy: 'Creu eich cod cyfranogwr'},
          help: {
            en: 'Answer the same way each time, so that your answers can be linked.',
            cy: 'Atebwch yn yr un ffordd bob tro, fel bod modd cysylltu eich atebion.',
          },
          parts: [
            {
              id: 'name2',
              kind: 'letter',
              prompt: {en: 'Second letter of your first name', cy: 'Ail lythyren eich enw cyntaf'},
            },
            {
              id: 'month',
              kind: 'month',
              prompt: {en: 'The month you were born', cy: 'Y mis y cawsoch eich geni'},
              help: {
                en: 'Two digits, for example 07 for July',
                cy: 'Dau ddigid, er enghraifft 07 ar gyfer mis Gorffennaf',
              },
            },
            {
              id: 'mother1',
              kind: 'letter',
              prompt: {
                en: "First letter of your mother's first name",
                cy: 'Llythyren gyntaf enw cyntaf eich mam',
              },
              help: {
                en: 'Or of the first name of the person who brought you up',
                cy: "Neu o enw cyntaf y sawl a'ch magodd",
              },
            },
          ],
        },
      ],
    },
    {
      id: 'background',
      title: {en: 'About your work', cy: 'Eich gwaith'},
      timepoints: ['baseline'],
      items: [
        {
          id: 'profession',
          type: 'choice',
          text: {en: 'What is your profession?', cy: 'Beth yw eich proffesiwn?'},
          options: [
            option('midwife', 'Midwife', 'Bydwraig'),
            option('nurse', 'Nurse', 'Nyrs'),
            option('paediatrician', 'Paediatrician', 'Pediatregydd'),
            option(
              'obstetrician',
              'Obstetrician or gynaecologist',
              'Obstetregydd neu gynaecolegydd',
            ),
            option('paramedic', 'Paramedic', 'Parafeddyg'),
            option('physician-associate', 'Physician associate', 'Cydymaith meddygol'),
            option('mammographer', 'Mammographer', 'Mamograffydd'),
            option('sonographer', 'Sonographer', 'Sonograffydd'),
            option('other', 'Something else', 'Rhywbeth arall'),
          ],
        },
        {
          id: 'profession-other',
          type: 'text',
          required: true,
          maxLength: 100,
          showIf: {item: 'profession', op: 'equals', value: 'other'},
          text: {en: 'What is your profession?', cy: 'Beth yw eich proffesiwn?'},
          help: {en: 'In a few words', cy: 'Mewn ychydig eiriau'},
        },
        {
          id: 'in-training',
          type: 'choice',
          text: {
            en: 'Are you in training at the moment (a student or a trainee)?',
            cy: "Ydych chi'n hyfforddi ar hyn o bryd (yn fyfyriwr neu'n hyfforddai)?",
          },
          options: [option('yes', 'Yes', 'Ydw'), option('no', 'No', 'Nac ydw')],
        },
        {
          id: 'years',
          type: 'number',
          min: 0,
          max: 60,
          unit: {en: 'years', cy: 'o flynyddoedd'},
          showIf: {item: 'in-training', op: 'equals', value: 'no'},
          text: {
            en: 'How many years have you worked in your profession since qualifying?',
            cy: 'Sawl blwyddyn ydych chi wedi gweithio yn eich proffesiwn ers cymhwyso?',
          },
          help: {
            en: 'Enter 0 if it is less than a year.',
            cy: "Rhowch 0 os yw'n llai na blwyddyn.",
          },
        },
      ],
    },
    {
      id: 'confidence',
      title: {en: 'Coping with adverse events', cy: 'Ymdopi â digwyddiadau andwyol'},
      description: {
        en: 'How much do you agree with each statement? There are no right or wrong answers.',
        cy: "I ba raddau ydych chi'n cytuno â phob datganiad? Does dim atebion cywir nac anghywir.",
      },
      items: [
        agree(
          'conf-1',
          {
            en: 'I know what to do to look after myself after an adverse event at work.',
            cy: "Rwy'n gwybod beth i'w wneud i ofalu amdanaf fy hun ar ôl digwyddiad andwyol yn y gwaith.",
          },
          {required: true},
        ),
        agree(
          'conf-2',
          {
            en: 'I can talk openly with a colleague about a mistake I have made.',
            cy: "Gallaf siarad yn agored â chydweithiwr am gamgymeriad rydw i wedi'i wneud.",
          },
          {required: true},
        ),
        agree(
          'conf-3',
          {
            en: 'I can notice when my thinking about a mistake becomes unhelpful.',
            cy: 'Gallaf sylwi pan fydd fy meddyliau am gamgymeriad yn mynd yn ddi-fudd.',
          },
          {required: true},
        ),
        agree(
          'conf-4',
          {
            en: 'After something goes wrong at work, I find it hard to stop going over it in my mind.',
            cy: "Ar ôl i rywbeth fynd o'i le yn y gwaith, rwy'n ei chael hi'n anodd peidio â mynd drosto dro ar ôl tro yn fy meddwl.",
          },
          {required: true, reverse: true},
        ),
        agree(
          'conf-5',
          {
            en: 'I know where to find support if a stressful event at work affects me.',
            cy: "Rwy'n gwybod ble i gael cymorth os yw digwyddiad llawn straen yn y gwaith yn effeithio arnaf.",
          },
          {required: true},
        ),
        agree(
          'conf-6',
          {
            en: 'I can use a breathing exercise to calm myself in a stressful moment.',
            cy: 'Gallaf ddefnyddio ymarfer anadlu i dawelu fy hun ar adeg llawn straen.',
          },
          {required: true},
        ),
        agree(
          'conf-7',
          {
            en: 'I can learn from an error without losing confidence in my ability to do my job.',
            cy: 'Gallaf ddysgu o gamgymeriad heb golli hyder yn fy ngallu i wneud fy ngwaith.',
          },
          {required: true},
        ),
      ],
    },
    {
      id: 'knowledge',
      title: {en: 'What you know', cy: "Beth rydych chi'n ei wybod"},
      description: {
        en: 'A short check of the ideas in the training. It is not a test of you: choose the answer you think is best.',
        cy: "Gwiriad byr o syniadau'r hyfforddiant. Nid prawf arnoch chi yw hwn: dewiswch yr ateb sydd orau yn eich barn chi.",
      },
      items: [
        {
          id: 'know-1',
          type: 'choice',
          required: true,
          text: {
            en: 'Which statement about distress after an error is true?',
            cy: "Pa ddatganiad am ofid ar ôl camgymeriad sy'n wir?",
          },
          options: [
            option(
              'common',
              'Distress after an error is common and is not a sign of weakness.',
              "Mae gofid ar ôl camgymeriad yn gyffredin ac nid yw'n arwydd o wendid.",
            ),
            option(
              'inexperienced',
              'Only inexperienced staff feel distressed after an error.',
              "Dim ond staff dibrofiad sy'n teimlo gofid ar ôl camgymeriad.",
            ),
            option(
              'unsuited',
              'Feeling distressed means you are not suited to clinical work.',
              "Mae teimlo gofid yn golygu nad ydych chi'n addas ar gyfer gwaith clinigol.",
            ),
          ],
          correct: ['common'],
        },
        {
          id: 'know-2',
          type: 'choice',
          multiple: true,
          required: true,
          text: {
            en: 'Which of these are unhelpful thinking habits? Choose all that apply.',
            cy: "Pa rai o'r rhain sy'n arferion meddwl di-fudd? Dewiswch bob un sy'n berthnasol.",
          },
          options: [
            option(
              'worst',
              'Expecting the worst possible outcome',
              'Disgwyl y canlyniad gwaethaf posibl',
            ),
            option(
              'all-or-nothing',
              'Seeing things as wholly good or wholly bad',
              'Gweld pethau fel rhai cwbl dda neu gwbl ddrwg',
            ),
            option(
              'ask',
              'Asking a colleague how they see what happened',
              "Gofyn i gydweithiwr sut mae'n gweld beth ddigwyddodd",
            ),
            option(
              'mind-reading',
              'Assuming you know what others think of you',
              'Tybio eich bod yn gwybod beth mae pobl eraill yn ei feddwl ohonoch',
            ),
          ],
          correct: ['worst', 'all-or-nothing', 'mind-reading'],
        },
        {
          id: 'know-3',
          type: 'choice',
          required: true,
          text: {
            en: 'What does “explanatory style” describe?',
            cy: 'Beth mae “arddull esbonio” yn ei ddisgrifio?',
          },
          options: [
            option(
              'self',
              'How a person explains a setback to themselves',
              "Sut mae person yn esbonio anhawster iddo'i hun",
            ),
            option(
              'diagnosis',
              'How a clinician explains a diagnosis to a patient',
              'Sut mae clinigwr yn esbonio diagnosis i glaf',
            ),
            option(
              'report',
              'How an incident report should be written',
              'Sut dylid ysgrifennu adroddiad am ddigwyddiad',
            ),
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
            cy: "Pa rai o'r rhain all eich helpu i dawelu ar adeg llawn straen? Dewiswch bob un sy'n berthnasol.",
          },
          options: [
            option(
              'breathing',
              'Slow breathing, with a longer breath out than in',
              "Anadlu'n araf, gydag anadl allan sy'n hirach na'r anadl i mewn",
            ),
            option(
              'naming',
              'Naming to yourself what you are feeling',
              "Enwi i chi'ch hun beth rydych chi'n ei deimlo",
            ),
            option(
              'replaying',
              'Replaying the event again and again',
              "Ailchwarae'r digwyddiad dro ar ôl tro",
            ),
            option(
              'skipping',
              'Skipping your break to catch up',
              'Hepgor eich egwyl er mwyn dal i fyny',
            ),
          ],
          correct: ['breathing', 'naming'],
        },
        {
          id: 'know-5',
          type: 'choice',
          required: true,
          text: {
            en: 'What does coping well after an error depend on?',
            cy: "Ar beth mae ymdopi'n dda ar ôl camgymeriad yn dibynnu?",
          },
          options: [
            option(
              'character',
              "Only the person's own strength of character",
              'Cryfder cymeriad yr unigolyn yn unig',
            ),
            option(
              'both',
              'Both the person and the support and systems around them',
              "Yr unigolyn, a'r cymorth a'r systemau o'i gwmpas",
            ),
            option('luck', 'Mostly luck', 'Lwc, yn bennaf'),
          ],
          correct: ['both'],
        },
      ],
    },
    {
      id: 'bouncing-back',
      title: {en: 'Your resilience', cy: 'Eich gwytnwch'},
      items: [
        {
          id: 'resilience',
          type: 'scale',
          required: true,
          min: 0,
          max: 10,
          text: {
            en: 'Overall, how well do you recover after a difficult event at work?',
            cy: "At ei gilydd, pa mor dda ydych chi'n dod dros ddigwyddiad anodd yn y gwaith?",
          },
          minLabel: {en: 'Not well at all', cy: 'Ddim yn dda o gwbl'},
          maxLabel: {en: 'Very well', cy: 'Yn dda iawn'},
        },
      ],
    },
    {
      id: 'evaluation',
      title: {en: 'What you thought of the training', cy: 'Eich barn am yr hyfforddiant'},
      description: {
        en: 'How much do you agree with each statement?',
        cy: "I ba raddau ydych chi'n cytuno â phob datganiad?",
      },
      timepoints: LATER,
      items: [
        agree('eval-relevant', {
          en: 'The training was relevant to my clinical work.',
          cy: "Roedd yr hyfforddiant yn berthnasol i'm gwaith clinigol.",
        }),
        agree('eval-interactive', {
          en: 'The training was interactive: I took an active part.',
          cy: 'Roedd yr hyfforddiant yn rhyngweithiol: cymerais ran weithredol.',
        }),
        agree('eval-applicable', {
          en: 'I can apply what I learned in my day-to-day work.',
          cy: "Gallaf ddefnyddio'r hyn a ddysgais yn fy ngwaith bob dydd.",
        }),
        agree('eval-own-coping', {
          en: 'The training helped me explore how I cope with my own mistakes.',
          cy: "Helpodd yr hyfforddiant fi i archwilio sut rydw i'n ymdopi â'm camgymeriadau fy hun.",
        }),
        agree('eval-organisation', {
          en: 'The training recognised that things outside my control, such as staffing and systems, affect how I cope.',
          cy: "Roedd yr hyfforddiant yn cydnabod bod pethau y tu hwnt i'm rheolaeth, fel lefelau staffio a systemau, yn effeithio ar sut rydw i'n ymdopi.",
        }),
        agree(
          'eval-coaching',
          {
            en: 'The coaching call helped me take my action plan forward.',
            cy: 'Helpodd yr alwad hyfforddi fi i symud fy nghynllun gweithredu yn ei flaen.',
          },
          {timepoints: ['post-coaching', 'follow-up']},
        ),
        {
          id: 'eval-comments',
          type: 'long-text',
          maxLength: 2000,
          text: {
            en: 'What would you change about the training, if anything?',
            cy: "Beth fyddech chi'n ei newid am yr hyfforddiant, os unrhyw beth?",
          },
          help: noPatientDetails,
        },
      ],
    },
    {
      id: 'looking-back',
      title: {en: 'Looking back', cy: 'Edrych yn ôl'},
      timepoints: LATER,
      items: [
        {
          id: 'retro-confidence',
          type: 'scale',
          min: 0,
          max: 10,
          text: {
            en: 'Think back to before the training. How confident were you then about coping with an adverse event at work?',
            cy: "Meddyliwch yn ôl i'r cyfnod cyn yr hyfforddiant. Pa mor hyderus oeddech chi bryd hynny ynghylch ymdopi â digwyddiad andwyol yn y gwaith?",
          },
          minLabel: {en: 'Not at all confident', cy: 'Dim hyder o gwbl'},
          maxLabel: {en: 'Completely confident', cy: 'Yn gwbl hyderus'},
        },
        {
          id: 'now-confidence',
          type: 'scale',
          min: 0,
          max: 10,
          text: {
            en: 'And now: how confident are you about coping with an adverse event at work?',
            cy: 'A nawr: pa mor hyderus ydych chi ynghylch ymdopi â digwyddiad andwyol yn y gwaith?',
          },
          minLabel: {en: 'Not at all confident', cy: 'Dim hyder o gwbl'},
          maxLabel: {en: 'Completely confident', cy: 'Yn gwbl hyderus'},
        },
      ],
    },
    {
      id: 'reflect',
      title: {en: 'Reflecting on a difficult event', cy: 'Myfyrio ar ddigwyddiad anodd'},
      description: {
        en: 'These reflections are for you. They stay on this device and are never sent with your answers. Write as much or as little as you like; every step is optional.',
        cy: "Mae'r myfyrdodau hyn i chi. Maen nhw'n aros ar y ddyfais hon ac nid ydynt byth yn cael eu hanfon gyda'ch atebion. Ysgrifennwch gymaint neu gyn lleied ag y dymunwch; mae pob cam yn ddewisol.",
      },
      timepoints: REFLECT,
      items: [
        {
          id: 'gibbs',
          type: 'reflection',
          suggestedLength: 300,
          maxLength: 4000,
          text: {
            en: 'Think of a difficult event at work, and take it step by step.',
            cy: 'Meddyliwch am ddigwyddiad anodd yn y gwaith, ac ewch drwyddo gam wrth gam.',
          },
          help: noPatientDetails,
          steps: [
            {
              id: 'description',
              prompt: {en: 'What happened?', cy: 'Beth ddigwyddodd?'},
              help: {
                en: 'Describe the event briefly, without judging it yet.',
                cy: 'Disgrifiwch y digwyddiad yn fyr, heb ei farnu eto.',
              },
            },
            {
              id: 'feelings',
              prompt: {
                en: 'What were you thinking and feeling?',
                cy: "Beth oeddech chi'n ei feddwl a'i deimlo?",
              },
            },
            {
              id: 'evaluation',
              prompt: {
                en: 'What was good and what was bad about the experience?',
                cy: 'Beth oedd yn dda a beth oedd yn ddrwg am y profiad?',
              },
            },
            {
              id: 'analysis',
              prompt: {
                en: 'Why do you think it happened as it did? What was in your control, and what was not?',
                cy: "Pam rydych chi'n meddwl iddo ddigwydd fel y gwnaeth? Beth oedd o fewn eich rheolaeth, a beth nad oedd?",
              },
            },
            {
              id: 'conclusion',
              prompt: {
                en: 'What else could you have done? What have you learned?',
                cy: "Beth arall allech chi fod wedi'i wneud? Beth ydych chi wedi'i ddysgu?",
              },
            },
            {
              id: 'action',
              prompt: {
                en: 'If it happened again, what would you do?',
                cy: "Pe bai'n digwydd eto, beth fyddech chi'n ei wneud?",
              },
            },
          ],
        },
        {
          id: 'explain',
          type: 'reflection',
          timepoints: ['post-workshop'],
          maxLength: 4000,
          text: {en: 'Another explanation', cy: 'Esboniad arall'},
          help: {
            en: 'How we explain a setback to ourselves shapes how we feel about it.',
            cy: "Mae'r ffordd rydyn ni'n esbonio anhawster i ni'n hunain yn dylanwadu ar sut rydyn ni'n teimlo amdano.",
          },
          steps: [
            {id: 'what-happened', prompt: {en: 'What happened?', cy: 'Beth ddigwyddodd?'}},
            {
              id: 'my-explanation',
              prompt: {
                en: 'How did you explain it to yourself at the time?',
                cy: "Sut gwnaethoch chi ei esbonio i chi'ch hun ar y pryd?",
              },
            },
            {
              id: 'another',
              prompt: {
                en: 'What is another explanation, one that a fair observer might give?',
                cy: 'Beth yw esboniad arall, un y gallai sylwedydd teg ei roi?',
              },
            },
          ],
        },
        {
          id: 'compassion',
          type: 'reflection',
          maxLength: 4000,
          text: {en: 'Being kind to yourself', cy: "Bod yn garedig wrthych chi'ch hun"},
          steps: [
            {
              id: 'colleague',
              prompt: {
                en: 'If a colleague told you this had happened to them, what would you say to them?',
                cy: "Pe bai cydweithiwr yn dweud wrthych fod hyn wedi digwydd iddyn nhw, beth fyddech chi'n ei ddweud wrthyn nhw?",
              },
            },
            {
              id: 'yourself',
              prompt: {
                en: 'Can you say the same to yourself? Write it here.',
                cy: "Allwch chi ddweud yr un peth wrthych chi'ch hun? Ysgrifennwch hynny yma.",
              },
            },
          ],
        },
      ],
    },
    {
      id: 'plan',
      title: {en: 'Your action plan', cy: 'Eich cynllun gweithredu'},
      description: {
        en: 'Start your plan after the workshop, and build on it after your coaching call. It stays on this device and is never sent with your answers.',
        cy: "Dechreuwch eich cynllun ar ôl y gweithdy, ac adeiladwch arno ar ôl eich galwad hyfforddi. Mae'n aros ar y ddyfais hon ac nid yw byth yn cael ei anfon gyda'ch atebion.",
      },
      timepoints: REFLECT,
      items: [
        {
          id: 'action-plan',
          type: 'reflection',
          maxLength: 2000,
          text: {en: 'My action plan', cy: 'Fy nghynllun gweithredu'},
          steps: [
            {
              id: 'change',
              prompt: {
                en: 'One thing I will do to look after myself when something goes wrong',
                cy: "Un peth y byddaf yn ei wneud i ofalu amdanaf fy hun pan fydd rhywbeth yn mynd o'i le",
              },
            },
            {
              id: 'first-step',
              prompt: {
                en: 'My first step, and when I will take it',
                cy: 'Fy ngham cyntaf, a phryd y byddaf yn ei gymryd',
              },
            },
            {
              id: 'talk-to',
              prompt: {en: 'Who could I talk to?', cy: 'Gyda phwy allwn i siarad?'},
              help: {
                en: 'A colleague you respect, your supervisor or a mentor',
                cy: "Cydweithiwr rydych chi'n ei barchu, eich goruchwyliwr neu fentor",
              },
            },
            {
              id: 'obstacles',
              prompt: {
                en: 'What might get in the way, and what would help?',
                cy: "Beth allai fod yn rhwystr, a beth fyddai'n helpu?",
              },
            },
          ],
        },
      ],
    },
  ],
  scores: [
    {
      id: 'confidence',
      label: {
        en: 'Confidence in coping with adverse events (1 to 5)',
        cy: 'Hyder wrth ymdopi â digwyddiadau andwyol (1 i 5)',
      },
      method: 'mean',
      items: ['conf-1', 'conf-2', 'conf-3', 'conf-4', 'conf-5', 'conf-6', 'conf-7'],
    },
    {
      id: 'knowledge',
      label: {en: 'Knowledge check: correct answers', cy: 'Gwiriad gwybodaeth: atebion cywir'},
      method: 'correct',
      items: ['know-1', 'know-2', 'know-3', 'know-4', 'know-5'],
    },
  ],
};
