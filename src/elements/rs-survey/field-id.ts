/**
 * The id of the element a field's error links to. A module of its own so that lazy chunks (the
 * combobox) can use it: one that imports `questions.ts` made the bundler move Lit out of the
 * main bundle into a chunk every page must fetch.
 */
export const fieldId = (key: string) => `q-${key.replace(/\./g, '--')}`;
