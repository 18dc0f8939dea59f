// @ts-check
// The names of the export files (the results page links to them; the codebook reads them).
export const EXPORT_NAMES = {
  long: 'responses.csv',
  wide: 'participants.csv',
  codebook: 'codebook.csv',
  spss: 'codebook.sps',
  r: 'codebook.R',
  stata: 'codebook.do',
};
