import type {Messages} from './en.js';
import type {EndingMessages} from './en-ending.js';
import type {ReflectionMessages} from './en-reflection.js';
import type {PartMessages} from './en-parts.js';

/**
 * Welsh interface strings (Cymraeg), in the plain register of GIG Cymru and Welsh Government
 * services. Self-contained on purpose: no English values are imported, so the Welsh chunk does
 * not carry the English text. Counting follows Welsh usage: a numeral takes the singular noun
 * ("3 munud", "5 cwestiwn", "10 nod"), so most counted strings need no plural forms.
 */
export const cy: Messages & EndingMessages & ReflectionMessages & PartMessages = {
  // The survey's pages and navigation.
  start: 'Dechrau',
  next: 'Nesaf',
  back: 'Yn ôl',
  review: 'Gwirio eich atebion',
  submit: 'Cyflwyno',
  change: 'Newid',
  minutes: (n: number) => `Tua ${n} munud`,
  questions: (n: number) => `${n} cwestiwn`,
  pageOf: (page: number, total: number) => `Tudalen ${page} o ${total}`,
  notAnswered: 'Heb ei ateb',
  privateAnswer: 'Yn cael ei gadw ar y ddyfais hon yn unig',
  optional: '(dewisol)',
  thanksTitle: 'Diolch',
  thanksText: 'Mae eich atebion wedi cael eu cofnodi.',
  yourScores: 'Eich sgoriau',
  scoreOutOf: (answered: number, of: number) => `${answered} o ${of} wedi’u hateb`,
  noScore: 'Dim digon o atebion i roi sgôr',
  illustrative: 'Geiriad enghreifftiol, nid offeryn wedi’i ddilysu.',
  loading: 'Wrthi’n llwytho’r holiadur…',
  // Consent.
  consentTitle: 'Gwybodaeth a chaniatâd',
  consentAgree: 'Rwy’n cytuno',
  consentDecline: 'Nid wyf yn cytuno',
  declinedTitle: 'Diolch am eich amser',
  declinedText:
    'Rydych wedi dewis peidio â chymryd rhan. Nid oes dim a roesoch wedi cael ei gadw na’i anfon.',
  // Validation and the error summary.
  errorSummary: 'Mae problem',
  required: 'Atebwch y cwestiwn hwn',
  requiredStep: 'Ysgrifennwch rywbeth ar gyfer y cam hwn',
  tooShort: (n: number) => `Rhowch o leiaf ${n} nod`,
  tooLong: (n: number) => `Rhowch ddim mwy na ${n} nod`,
  notNumber: 'Rhowch rif',
  notWhole: 'Rhowch rif cyfan',
  notDate: 'Rhowch ddyddiad, er enghraifft 2026-11-27',
  notTime: 'Rhowch amser, er enghraifft 14:30',
  tooSmall: (n: number) => `Rhowch rif sy’n ${n} neu fwy`,
  tooLarge: (n: number) => `Rhowch rif sy’n ${n} neu lai`,
  codeLetter: 'Rhowch un llythyren',
  codeMonth: 'Rhowch fis o 01 i 12',
  codeDigits: (n: number) => `Rhowch ${n} digid`,
  codeIs: (code: string) => `Eich cod yw ${code}`,
  codeConfirm: 'Gwnewch nodyn ohono: bydd yr un cwestiynau’n cael eu gofyn i chi y tro nesaf.',
  /** Read before an error message by screen readers (shown by both question elements). */
  errorPrefix: 'Gwall:',
  // Reflection.
  stepOf: (step: number, total: number) => `Cam ${step} o ${total}`,
  previousStep: 'Cam blaenorol',
  nextStep: 'Cam nesaf',
  lengthHint: (n: number) => `Mae tua ${n} nod yn ddigon`,
  characters: (n: number) => `${n} nod`,
  charactersOf: (n: number, max: number) => `${n} o ${max} nod`,
  requiredFirstStep: 'Ysgrifennwch rywbeth ar gyfer y cam cyntaf',
  warningPrefix: 'Rhybudd:',
  reflectionFileName: 'fy-myfyrdod',
  privacyNote:
    'Mae eich myfyrdod yn aros ar y ddyfais hon: nid yw’n cael ei anfon gyda’ch atebion.',
  identifierWarning:
    'Peidiwch â chynnwys unrhyw beth a allai ddangos pwy yw claf: enwau, rhifau GIG neu ddyddiadau geni.',
  nhsNumberFound: 'Mae’n edrych fel bod hyn yn cynnwys rhif GIG. Tynnwch ef allan.',
  dateOfBirthFound: 'Mae’n edrych fel bod hyn yn cynnwys dyddiad geni. Tynnwch ef allan.',
  downloadReflection: 'Lawrlwytho fy myfyrdod',
  reflectionLoading: 'Wrthi’n llwytho’r cwestiwn hwn…',
  reflectionUnavailable:
    'Nid oedd modd llwytho’r cwestiwn hwn. Mae eich atebion yn cael eu cadw ar y ddyfais hon: gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  // Drafts and delivery.
  restored: (when: string) => `Mae eich atebion o ${when} wedi cael eu hadfer.`,
  submitFailed:
    'Nid oedd modd paratoi eich atebion i’w hanfon. Gwiriwch eich cysylltiad a phwyswch Cyflwyno eto: does dim wedi’i golli.',
  restartWarning:
    'Mae hyn yn clirio’r atebion rydych wedi’u rhoi hyd yn hyn. Nid oes modd dadwneud hyn.',
  confirmRestart: 'Ie, dechrau eto',
  deleteWarning:
    'Mae hyn yn dileu pob drafft a phob ymateb heb ei anfon a gadwyd gan yr holiadur hwn ar y ddyfais hon. Nid oes modd dadwneud hyn.',
  unsentResponses: (n: number) =>
    `Nid yw ${n} ${n === 1 ? 'ymateb gorffenedig' : 'o ymatebion gorffenedig'} wedi ${n === 1 ? 'ei anfon' : 'eu hanfon'} eto, a ${n === 1 ? 'byddai’n cael ei golli' : 'byddent yn cael eu colli'}.`,
  confirmDelete: 'Ie, dileu',
  cancel: 'Canslo',
  pageUnavailable:
    'Nid oedd modd llwytho’r dudalen hon. Mae eich atebion yn cael eu cadw ar y ddyfais hon: gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  startAgain: 'Dechrau eto',
  droppedAnswers: (n: number) =>
    `Mae’r holiadur hwn wedi newid: roedd ${n} ateb cynharach ar gyfer cwestiynau nad yw’n eu gofyn mwyach, ac ${n === 1 ? 'mae wedi cael ei ddileu' : 'maen nhw wedi cael eu dileu'}.`,
  draftSaved: (time: string) => `Wedi’i gadw ar y ddyfais hon am ${time}`,
  storageUnavailable:
    'Nid yw’r porwr hwn yn gadael i’r holiadur gadw eich atebion ar y ddyfais hon. Gallwch barhau i orffen a chyflwyno, ond cadwch y dudalen hon ar agor nes i chi wneud hynny.',
  openElsewhere:
    'Mae’r holiadur hwn hefyd ar agor mewn tab neu ffenestr arall. Mae eich atebion diweddaraf o’r fan honno i’w gweld yma.',
  statusSavedLocally: 'Mae eich atebion wedi’u cadw ar y ddyfais hon.',
  statusSending: 'Wrthi’n anfon eich atebion…',
  statusSent: 'Mae eich atebion wedi cael eu hanfon.',
  statusOffline:
    'Mae eich atebion wedi’u cadw ar y ddyfais hon a byddant yn cael eu hanfon yn awtomatig cyn gynted ag y gellir cyrraedd y gweinydd ymchwil.',
  statusRejected: (message: string) =>
    `Ni wnaeth y gweinydd ymchwil dderbyn eich atebion${message ? ` (${message})` : ''}. Maent yn cael eu cadw ar y ddyfais hon; rhowch wybod i’r tîm ymchwil.`,
  localMode:
    'Mae eich atebion yn cael eu cadw ar y ddyfais hon yn unig. Lawrlwythwch gopi os bydd y tîm ymchwil yn gofyn am un.',
  downloadJson: 'Lawrlwytho fy atebion (JSON)',
  downloadCsv: 'Lawrlwytho fy atebion (CSV)',
  deleteEverything: 'Dileu popeth y mae’r holiadur hwn wedi’i storio ar y ddyfais hon',
  deleted: 'Mae popeth yr oedd yr holiadur hwn wedi’i storio ar y ddyfais hon wedi cael ei ddileu.',
  endpointInvalid:
    'Nid yw’r holiadur hwn wedi’i osod i anfon atebion yn ddiogel, felly ni fydd dim yn cael ei anfon. Mae eich atebion yn aros ar y ddyfais hon.',
  // Problems the page or the person must know about.
  instrumentInvalid: 'Nid oedd modd llwytho’r holiadur hwn oherwydd bod gwallau ynddo.',
  instrumentUnreachable:
    'Nid oedd modd llwytho’r holiadur hwn. Gwiriwch eich cysylltiad a rhowch gynnig arall arni.',
  timepointUnknown: (id: string) => `Nid oes gan yr holiadur hwn bwynt amser o’r enw “${id}”.`,
  timepointMissing: 'Rhaid i’r dudalen nodi pa bwynt amser yn yr holiadur hwn i’w ddangos.',
  retry: 'Rhowch gynnig arall arni',
  // The parts a FHIR import adds to a question (`en-parts.ts`).
  other: 'Ateb arall',
  unit: 'Uned',
  matches: (n: number) => (n ? `Opsiynau sy'n cyfateb: ${n}` : 'Dim opsiwn yn cyfateb'),
};
