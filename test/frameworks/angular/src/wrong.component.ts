// Wrong uses: each must be a type error (test/package/types.test.js names them).
import {Component, CUSTOM_ELEMENTS_SCHEMA} from '@angular/core';
import 'resilience-survey/define.js';

@Component({
  selector: 'app-wrong',
  schemas: [CUSTOM_ELEMENTS_SCHEMA],
  template: `
    <rs-survey (rs-submitted)="log($event.detail.nope)"></rs-survey>
    <rs-survey (rs-error)="code($event.detail.message)"></rs-survey>
  `,
})
export class WrongComponent {
  log(value: unknown) {
    console.log(value);
  }
  code(value: 'instrument-invalid') {
    console.log(value);
  }
}
