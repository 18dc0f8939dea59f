// Registers every tag. The one module with side effects.
import {RsLikert} from './elements/rs-likert/rs-likert.js';
import {RsReflection} from './elements/rs-reflection/rs-reflection.js';
import {RsSurvey} from './elements/rs-survey/rs-survey.js';

const tags = {'rs-likert': RsLikert, 'rs-reflection': RsReflection, 'rs-survey': RsSurvey};
for (const [tag, ctor] of Object.entries(tags)) {
  // A page may load the bundle twice (an LMS wrapper and the lesson); the second is a no-op.
  if (!customElements.get(tag)) customElements.define(tag, ctor);
}
