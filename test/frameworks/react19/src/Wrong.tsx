// Wrong uses: each must be a type error (test/package/types.test.js names them).
import 'resilience-survey/define.js';

export const wrongDetail = <rs-survey onrs-submitted={(e) => console.log(e.detail.nope)} />;
export const wrongFormat = <rs-survey format="yaml" />;
export const wrongDays = <rs-survey draftDays="soon" />;
export const wrongTag = <rs-surveys instrument="x" />;
