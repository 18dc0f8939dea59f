// Wrong uses: each must be a type error (test/package/types.test.js names them).
import {RsSurvey} from 'resilience-survey/react';
import 'resilience-survey/define.js';

export const wrongDetail = <RsSurvey onRsSubmitted={(e) => console.log(e.detail.nope)} />;
export const wrongFormat = <RsSurvey format="yaml" />;
// React 18 adds no listener for a prop on a custom element: the tag's types refuse it.
export const tagListener = <rs-survey onrs-submitted={() => {}} />;
// React 18 writes props as strings: an object is refused.
export const tagObject = <rs-survey headers={{a: 'b'}} />;
// Attributes are fine on the tag.
export const tagAttributes = <rs-survey instrument="coping-with-error" storage-key="k" />;
