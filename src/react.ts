// `resilience-survey/react`: React components for the tags, made with @lit/react. React 18
// writes a custom element's props as attributes and cannot listen to its events; these
// wrappers set properties and add listeners (`onRsSubmitted` for `rs-submitted`). They work in
// React 19 too, where the tags can also be written directly (`<rs-survey onrs-submitted>`).
// Importing this module registers every tag.
import * as React from 'react';
import {createComponent, type EventName} from '@lit/react';
import {RsLikert as RsLikertElement} from './elements/rs-likert/rs-likert.js';
import {RsReflection as RsReflectionElement} from './elements/rs-reflection/rs-reflection.js';
import {RsSurvey as RsSurveyElement} from './elements/rs-survey/rs-survey.js';
import type {RsSurveyEventMap} from './events.js';
import './define.js';

export type * from './events.js';

/** `onRsReady` for `rs-ready`, and so on: a React prop name for each event. */
type PropName<T extends string> = T extends `${infer Head}-${infer Tail}`
  ? `${Capitalize<Head>}${PropName<Tail>}`
  : Capitalize<T>;

type SurveyEvents = {
  [K in keyof RsSurveyEventMap as `on${PropName<K>}`]: EventName<RsSurveyEventMap[K]>;
};

/** Every event of the survey, by prop name (`satisfies`: none missing, each its own name). */
const surveyEvents = {
  onRsReady: 'rs-ready',
  onRsDraftSaved: 'rs-draft-saved',
  onRsSubmit: 'rs-submit',
  onRsQueued: 'rs-queued',
  onRsSubmitted: 'rs-submitted',
  onRsError: 'rs-error',
} satisfies {[K in keyof RsSurveyEventMap as `on${PropName<K>}`]: K} as SurveyEvents;

/** The native events a building block sends, as listeners the element gets directly. */
const controlEvents = {
  onInput: 'input' as EventName<Event>,
  onChange: 'change' as EventName<Event>,
};

/**
 * `<RsSurvey instrument="coping-with-error" timepoint="baseline" onRsSubmitted={(e) => …} />`:
 * every property of `<rs-survey>` as a prop, every event as `on` + its name in PascalCase.
 */
export const RsSurvey = createComponent({
  react: React,
  tagName: 'rs-survey',
  elementClass: RsSurveyElement,
  events: surveyEvents,
  displayName: 'RsSurvey',
});

/** `<rs-likert>`, a form control of its own: `onChange` and `onInput` are its native events. */
export const RsLikert = createComponent({
  react: React,
  tagName: 'rs-likert',
  elementClass: RsLikertElement,
  events: controlEvents,
  displayName: 'RsLikert',
});

/** `<rs-reflection>`, a form control of its own: `onChange` and `onInput` are its native events. */
export const RsReflection = createComponent({
  react: React,
  tagName: 'rs-reflection',
  elementClass: RsReflectionElement,
  events: controlEvents,
  displayName: 'RsReflection',
});
