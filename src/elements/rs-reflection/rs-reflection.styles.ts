import {hostStyles} from '../../internal/styles.js';
import {reflectionStyles} from '../../internal/reflection.js';

export const styles = [hostStyles, reflectionStyles];
