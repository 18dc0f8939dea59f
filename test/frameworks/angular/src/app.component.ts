// Angular: the tag itself, with CUSTOM_ELEMENTS_SCHEMA. One import registers it and brings
// its types: strict templates type `$event` of (rs-submitted) from HTMLElementEventMap.
import {Component, CUSTOM_ELEMENTS_SCHEMA, signal} from '@angular/core';
import 'resilience-survey/define.js';
import type {SubmittedDetail, SurveyErrorCode} from 'resilience-survey';

@Component({
  selector: 'app-root',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <rs-survey
      instrument="coping-with-error"
      timepoint="post-workshop"
      storage-key="angular-app"
      [draftDays]="7"
      (rs-submitted)="submitted.set($event.detail)"
      (rs-error)="warn($event.detail.code)"
    >
      <p>This questionnaire needs a current browser.</p>
    </rs-survey>
    @if (submitted(); as s) {
      <p id="app-submitted">The app saw rs-submitted: {{ s.id }} ({{ s.status }})</p>
    }
  `,
})
export class AppComponent {
  readonly submitted = signal<SubmittedDetail | null>(null);
  warn(code: SurveyErrorCode) {
    console.warn(code);
  }
}
