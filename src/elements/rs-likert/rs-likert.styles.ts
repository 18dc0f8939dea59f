import {likertStyles} from '../../internal/likert.js';
import {focusRing, hostStyles, visuallyHidden} from '../../internal/styles.js';

// The question's own styles live with its template (internal/likert.ts), which the survey
// renders too.
export const styles = [hostStyles, visuallyHidden, focusRing, likertStyles];
