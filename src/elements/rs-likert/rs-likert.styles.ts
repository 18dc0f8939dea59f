import {likertStyles} from '../../internal/likert.js';
import {hostStyles} from '../../internal/styles.js';

// The question's own styles live with its template (internal/likert.ts), which the survey
// renders too.
export const styles = [hostStyles, likertStyles];
