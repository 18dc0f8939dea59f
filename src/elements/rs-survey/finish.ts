/**
 * What the survey needs only once a person finishes (or an earlier response still waits to be
 * sent): the last pages, and the response's way out (building it, the endpoint, the body
 * formats, delivery, the person's own copy). Loaded on demand, so a participant's first page
 * does not wait for it; plain functions over plain data, none of which knows the element
 * (`finish-controller.ts` hands them what they need).
 */
import {formatOf, formats} from '../../transport/formats.js';

export {DeliveryController} from '../../transport/delivery-controller.js';
export {headersFor, resolveEndpoint} from '../../transport/endpoint.js';
export {deliveryProblems, keptResponse, submitResponse} from '../../transport/submit.js';
export {endingPage} from './pages/ending.js';
export {endingStyles} from './pages/ending.styles.js';

/**
 * Loads the adapter of the page's body format, so a person who reached the review page
 * online can still submit after the connection drops.
 */
export const loadFormat = (format: unknown) => formats[formatOf(format)].load();
