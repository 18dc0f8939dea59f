// Plain TypeScript (Angular templates read the same global maps), with no
// framework installed: one import registers the tags and types them and their events.
import 'resilience-survey/define.js';
import type {SubmittedDetail} from 'resilience-survey';

const survey = document.createElement('rs-survey');
survey.instrument = 'coping-with-error';
survey.timepoint = 'post-workshop';
survey.draftDays = 7;
survey.format = 'fhir';
survey.addEventListener('rs-submitted', (e) => {
  const detail: SubmittedDetail = e.detail;
  console.log(detail.id, detail.status);
});
// Events bubble and are composed: the document hears them, typed.
document.addEventListener('rs-error', (e) => console.warn(e.detail.code, e.detail.message));
document.querySelector('rs-likert')?.addEventListener('change', (e) => console.log(e.type));
document.body.append(survey);
