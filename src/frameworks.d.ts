// The tags as front-end frameworks see them: React 19 JSX, Vue templates (vue-tsc), Svelte
// (svelte-check). Types only; `index.ts` and `define.ts` re-export them, so importing the
// package or `resilience-survey/define.js` is all a TypeScript user needs. Angular's strict
// templates (and plain TypeScript) read the global `HTMLElementTagNameMap` and
// `HTMLElementEventMap`, which the element modules and `events.ts` extend.
//
// A declaration file written by hand (the build copies it to lib/): each framework's types are
// imported under `@ts-ignore`, so a project without that framework compiles as before, even
// with `skipLibCheck: false` (an augmentation of a module that is not there declares nothing
// anyone imports). test/node/frameworks.test.js compiles an app per framework against the
// packed package, with every attribute the manifest lists, checks that wrong uses are errors,
// and compiles a plain TypeScript project with none of the frameworks installed.
/* eslint-disable @typescript-eslint/ban-ts-comment, no-restricted-syntax -- module augmentation is how a framework is told about tags */
import type {RsLikert} from './elements/rs-likert/rs-likert.js';
import type {RsReflection} from './elements/rs-reflection/rs-reflection.js';
import type {RsSurvey} from './elements/rs-survey/rs-survey.js';
import type {RsSurveyEventMap} from './events.js';
// @ts-ignore: only where React is installed
import type {DetailedHTMLProps, HTMLAttributes as ReactHTMLAttributes} from 'react';
// @ts-ignore: only where React is installed
import type * as ReactModule from 'react';
// @ts-ignore: only where Vue is installed
import type {EmitFn, HTMLAttributes as VueHTMLAttributes, PublicProps} from 'vue';
// @ts-ignore: only where Svelte is installed
import type {HTMLAttributes as SvelteHTMLAttributes} from 'svelte/elements';

/** What `<rs-survey>` takes, by property name (each also an attribute, see `RsSurveyAttributes`). */
export type RsSurveyProperties = Pick<
  RsSurvey,
  | 'instrument'
  | 'timepoint'
  | 'endpoint'
  | 'terminology'
  | 'format'
  | 'participant'
  | 'credentials'
  | 'storageKey'
  | 'lms'
  | 'draftDays'
  | 'headers'
  | 'launchContext'
  | 'fetch'
>;

/** The attributes of `<rs-survey>` whose names differ from their properties'. */
export interface RsSurveyAttributes {
  'storage-key'?: string;
  'draft-days'?: number | `${number}`;
}

/** What `<rs-likert>` takes, by property name. */
export type RsLikertProperties = Pick<
  RsLikert,
  'name' | 'value' | 'label' | 'help' | 'points' | 'matrix' | 'required' | 'disabled' | 'error'
>;

/** What `<rs-reflection>` takes, by property name. */
export type RsReflectionProperties = Pick<
  RsReflection,
  | 'name'
  | 'value'
  | 'steps'
  | 'label'
  | 'help'
  | 'suggestedLength'
  | 'maxLength'
  | 'privacyNote'
  | 'step'
  | 'required'
  | 'disabled'
  | 'error'
>;

/** The attributes of `<rs-reflection>` whose names differ from their properties'. */
export interface RsReflectionAttributes {
  'suggested-length'?: number | `${number}`;
  'max-length'?: number | `${number}`;
  'privacy-note'?: 'true' | 'false';
}

/** The events of the building blocks: the native ones a form control sends. */
export interface RsControlEventMap {
  input: Event;
  change: Event;
}

/** Listener props named `on` + the event's type, as React 19 and Svelte 5 write them (`onrs-submitted`). */
export type OnEventProps<M> = {
  [K in keyof M & string as `on${K}`]?: (event: M[K]) => void;
};

/** The props of the tags in React 19 and Svelte 5 (besides each framework's common HTML attributes). */
export interface TagProps {
  'rs-survey': Partial<RsSurveyProperties> & RsSurveyAttributes & OnEventProps<RsSurveyEventMap>;
  'rs-likert': Partial<RsLikertProperties>;
  'rs-reflection': Partial<RsReflectionProperties> & RsReflectionAttributes;
}

/** True where the installed React's types are React 19's (or later): they have `useActionState`. */
type IsReact19 = typeof ReactModule extends {useActionState: unknown} ? true : false;

/**
 * React 18 writes every prop of a custom element as an attribute (a string) and adds no
 * listeners: its JSX types take the attributes only, and a listener prop (`onrs-submitted`)
 * is an error that points to the wrappers in `resilience-survey/react`.
 */
export interface React18TagProps {
  'rs-survey': Pick<
    Partial<RsSurveyProperties>,
    'timepoint' | 'endpoint' | 'terminology' | 'format' | 'participant' | 'credentials' | 'lms'
  > &
    RsSurveyAttributes & {instrument?: string} & {
      [K in keyof OnEventProps<RsSurveyEventMap>]?: never;
    };
  'rs-likert': {name?: string; label?: string; help?: string; error?: string; points?: string};
  'rs-reflection': {name?: string; label?: string; help?: string; error?: string; steps?: string};
}

type ReactTagProps<T extends keyof TagProps> = IsReact19 extends true
  ? TagProps[T]
  : React18TagProps[T];

// React 19 sets a prop as a property where the element has one (so objects and numbers pass
// as they are), otherwise as an attribute, and `onrs-submitted` listens to `rs-submitted`.
declare module 'react' {
  namespace JSX {
    interface IntrinsicElements {
      'rs-survey': DetailedHTMLProps<ReactHTMLAttributes<RsSurvey>, RsSurvey> &
        ReactTagProps<'rs-survey'>;
      'rs-likert': DetailedHTMLProps<ReactHTMLAttributes<RsLikert>, RsLikert> &
        ReactTagProps<'rs-likert'>;
      'rs-reflection': DetailedHTMLProps<ReactHTMLAttributes<RsReflection>, RsReflection> &
        ReactTagProps<'rs-reflection'>;
    }
  }
}

/** Listener types by event, as Vue's `EmitFn` takes them. */
export type EmitsOf<M> = {[K in keyof M]: (event: M[K]) => void};

// A custom element as a component type, as Vue's guide writes it ("Web Components and
// TypeScript"): `$props` types the template's attributes, `$emit` its `@rs-submitted` and the like.
// Vue sets a prop as a property where the element has one (with `isCustomElement` set).
declare module 'vue' {
  interface GlobalComponents {
    'rs-survey': new () => RsSurvey & {
      /** @deprecated For template types only; not on the element. */
      $props: VueHTMLAttributes & Partial<RsSurveyProperties> & RsSurveyAttributes & PublicProps;
      /** @deprecated For template types only; not on the element. */
      $emit: EmitFn<EmitsOf<RsSurveyEventMap>>;
    };
    'rs-likert': new () => RsLikert & {
      /** @deprecated For template types only; not on the element. */
      $props: VueHTMLAttributes & Partial<RsLikertProperties> & PublicProps;
      /** @deprecated For template types only; not on the element. */
      $emit: EmitFn<EmitsOf<RsControlEventMap>>;
    };
    'rs-reflection': new () => RsReflection & {
      /** @deprecated For template types only; not on the element. */
      $props: VueHTMLAttributes &
        Partial<RsReflectionProperties> &
        RsReflectionAttributes &
        PublicProps;
      /** @deprecated For template types only; not on the element. */
      $emit: EmitFn<EmitsOf<RsControlEventMap>>;
    };
  }
}

// Svelte 5 sets a prop as a property where the element has one; `onrs-submitted` listens.
declare module 'svelte/elements' {
  interface SvelteHTMLElements {
    'rs-survey': SvelteHTMLAttributes<RsSurvey> & TagProps['rs-survey'];
    'rs-likert': SvelteHTMLAttributes<RsLikert> & TagProps['rs-likert'];
    'rs-reflection': SvelteHTMLAttributes<RsReflection> & TagProps['rs-reflection'];
  }
}
