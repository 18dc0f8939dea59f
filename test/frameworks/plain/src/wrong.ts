// Wrong uses: each must be a type error (test/package/types.test.js names them).
import 'resilience-survey/define.js';

const survey = document.createElement('rs-survey');
survey.addEventListener('rs-submitted', (e) => console.log(e.detail.nope));
survey.format = 'yaml';
document.querySelector('rs-survey')!.draftDays = 'soon';
