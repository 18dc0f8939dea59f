/** What an item, section, scale or option id may be (a FHIR import slugs linkIds to it). */
export const ID_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;
