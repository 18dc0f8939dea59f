// Written by `npm run packs` from source/coping-with-error.ts: edit that, then run it again.
import type {Pack} from '../types.js';
import {withLanguage, type Strings} from './languages.js';

const strings: Strings = {
  title: 'Ymdopi â chamgymeriadau a digwyddiadau llawn straen',
  description:
    "Cwestiynau am ymdopi â chamgymeriadau a digwyddiadau llawn straen yn y gwaith, cyn ac ar ôl yr hyfforddiant. Mae eich atebion yn ein helpu i ddysgu a yw'r hyfforddiant yn helpu.",
  'licence.text':
    "Cwestiynau enghreifftiol a ysgrifennwyd gan brosiect resilience-survey. Nid ydynt wedi'u dilysu mewn unrhyw astudiaeth: peidiwch â defnyddio'r sgoriau i farnu unrhyw unigolyn.",
  'timepoints[baseline].label': 'Cyn y gweithdy',
  'timepoints[baseline].description': "Atebwch cyn i'r gweithdy ddechrau.",
  'timepoints[post-workshop].label': 'Ar ôl y gweithdy',
  'timepoints[post-workshop].description': 'Atebwch ar ddiwedd y gweithdy.',
  'timepoints[post-coaching].label': 'Ar ôl yr alwad hyfforddi',
  'timepoints[post-coaching].description': 'Atebwch ar ôl eich galwad hyfforddi un-i-un.',
  'timepoints[follow-up].label': 'Dilyniant',
  'timepoints[follow-up].description': 'Atebwch 4 i 6 wythnos ar ôl eich holiadur cyntaf.',
  'scales.agree5.points[1].label': "Anghytuno'n gryf",
  'scales.agree5.points[2].label': 'Anghytuno',
  'scales.agree5.points[3].label': 'Ddim yn cytuno nac yn anghytuno',
  'scales.agree5.points[4].label': 'Cytuno',
  'scales.agree5.points[5].label': "Cytuno'n gryf",
  'consent.title': 'Am yr holiadur hwn',
  'consent.paragraphs[0]':
    "Pwy sy'n darllen eich atebion: dim ond y tîm sy'n gwerthuso'r hyfforddiant hwn. Nid yw eich rheolwr na'ch cyflogwr yn gweld atebion unigol, ac mae adroddiadau'n disgrifio grwpiau, byth un person.",
  'consent.paragraphs[1]':
    "Nid ydym yn gofyn am eich enw. Mae cod a wneir o ychydig o gwestiynau yn cysylltu eich atebion cyn ac ar ôl yr hyfforddiant. Mae eich myfyrdodau'n aros ar y ddyfais hon: nid ydynt byth yn cael eu hanfon gyda'ch atebion, a gallwch lawrlwytho eich copi eich hun.",
  'consent.paragraphs[2]':
    "Am ba hyd rydyn ni'n eu cadw: caiff eich atebion eu cadw'n ddiogel am bum mlynedd ar ôl i'r gwerthusiad ddod i ben, ac yna eu dileu.",
  'consent.paragraphs[3]':
    "Mae cymryd rhan yn wirfoddol, a gallwch roi'r gorau iddi ar unrhyw adeg. I dynnu'n ôl atebion rydych chi eisoes wedi'u hanfon, e-bostiwch y tîm gwerthuso gyda'ch cod cyfranogwr o fewn pedair wythnos i'ch holiadur olaf.",
  'consent.paragraphs[4]':
    "Cwestiynau neu bryderon: cysylltwch â'r tîm gwerthuso yn evaluation-team@example.org. (Testun enghreifftiol: bydd sefydliad sy'n defnyddio'r holiadur hwn yn rhoi manylion ei dîm ei hun yma.)",
  'consent.statement': "Rwyf wedi darllen yr wybodaeth hon ac rwy'n cytuno i gymryd rhan.",
  'support.title': 'Os yw hyn yn codi teimladau anodd',
  'support.text':
    "Gall meddwl am gamgymeriadau beri gofid. Siaradwch â'ch goruchwyliwr, â chydweithiwr rydych chi'n ymddiried ynddo neu â'ch gwasanaeth iechyd galwedigaethol. Gall y gwasanaethau cyfrinachol, rhad ac am ddim hyn helpu hefyd.",
  'support.links[0].label':
    'NHS Practitioner Health: cymorth iechyd meddwl i weithwyr iechyd proffesiynol',
  'support.links[1].label': 'Samaritans: ffoniwch 116 123, am ddim, ddydd neu nos',
  'support.links[2].label': 'Samaritans yn Gymraeg: ffoniwch 0808 164 0123',
  'support.links[3].label': 'E-bostiwch Samaritans: jo@samaritans.org',
  'sections[participant].title': 'Eich cod cyfranogwr',
  'sections[participant].description':
    "Nid ydym yn gofyn am eich enw. Yn lle hynny, mae tri chwestiwn yn creu cod sy'n cysylltu eich atebion dros amser.",
  'sections[participant].items[code].text': 'Creu eich cod cyfranogwr',
  'sections[participant].items[code].help':
    'Atebwch yn yr un ffordd bob tro, fel bod modd cysylltu eich atebion.',
  'sections[participant].items[code].parts[name2].prompt': 'Ail lythyren eich enw cyntaf',
  'sections[participant].items[code].parts[month].prompt': 'Y mis y cawsoch eich geni',
  'sections[participant].items[code].parts[month].help':
    'Dau ddigid, er enghraifft 07 ar gyfer mis Gorffennaf',
  'sections[participant].items[code].parts[mother1].prompt': 'Llythyren gyntaf enw cyntaf eich mam',
  'sections[participant].items[code].parts[mother1].help': "Neu o enw cyntaf y sawl a'ch magodd",
  'sections[background].title': 'Eich gwaith',
  'sections[background].items[profession].text': 'Beth yw eich proffesiwn?',
  'sections[background].items[profession].options[midwife].label': 'Bydwraig',
  'sections[background].items[profession].options[nurse].label': 'Nyrs',
  'sections[background].items[profession].options[paediatrician].label': 'Pediatregydd',
  'sections[background].items[profession].options[obstetrician].label':
    'Obstetregydd neu gynaecolegydd',
  'sections[background].items[profession].options[paramedic].label': 'Parafeddyg',
  'sections[background].items[profession].options[physician-associate].label': 'Cydymaith meddygol',
  'sections[background].items[profession].options[mammographer].label': 'Mamograffydd',
  'sections[background].items[profession].options[sonographer].label': 'Sonograffydd',
  'sections[background].items[profession].options[other].label': 'Rhywbeth arall',
  'sections[background].items[profession-other].text': 'Beth yw eich proffesiwn?',
  'sections[background].items[profession-other].help': 'Mewn ychydig eiriau',
  'sections[background].items[in-training].text':
    "Ydych chi'n hyfforddi ar hyn o bryd (yn fyfyriwr neu'n hyfforddai)?",
  'sections[background].items[in-training].options[yes].label': 'Ydw',
  'sections[background].items[in-training].options[no].label': 'Nac ydw',
  'sections[background].items[years].unit': 'o flynyddoedd',
  'sections[background].items[years].text':
    'Sawl blwyddyn ydych chi wedi gweithio yn eich proffesiwn ers cymhwyso?',
  'sections[background].items[years].help': "Rhowch 0 os yw'n llai na blwyddyn.",
  'sections[confidence].title': 'Ymdopi â digwyddiadau andwyol',
  'sections[confidence].description':
    "I ba raddau ydych chi'n cytuno â phob datganiad? Does dim atebion cywir nac anghywir.",
  'sections[confidence].items[conf-1].text':
    "Rwy'n gwybod beth i'w wneud i ofalu amdanaf fy hun ar ôl digwyddiad andwyol yn y gwaith.",
  'sections[confidence].items[conf-2].text':
    "Gallaf siarad yn agored â chydweithiwr am gamgymeriad rydw i wedi'i wneud.",
  'sections[confidence].items[conf-3].text':
    'Gallaf sylwi pan fydd fy meddyliau am gamgymeriad yn mynd yn ddi-fudd.',
  'sections[confidence].items[conf-4].text':
    "Ar ôl i rywbeth fynd o'i le yn y gwaith, rwy'n ei chael hi'n anodd peidio â mynd drosto dro ar ôl tro yn fy meddwl.",
  'sections[confidence].items[conf-5].text':
    "Rwy'n gwybod ble i gael cymorth os yw digwyddiad llawn straen yn y gwaith yn effeithio arnaf.",
  'sections[confidence].items[conf-6].text':
    'Gallaf ddefnyddio ymarfer anadlu i dawelu fy hun ar adeg llawn straen.',
  'sections[confidence].items[conf-7].text':
    'Gallaf ddysgu o gamgymeriad heb golli hyder yn fy ngallu i wneud fy ngwaith.',
  'sections[knowledge].title': "Beth rydych chi'n ei wybod",
  'sections[knowledge].description':
    "Gwiriad byr o syniadau'r hyfforddiant. Nid prawf arnoch chi yw hwn: dewiswch yr ateb sydd orau yn eich barn chi.",
  'sections[knowledge].items[know-1].text': "Pa ddatganiad am ofid ar ôl camgymeriad sy'n wir?",
  'sections[knowledge].items[know-1].options[common].label':
    "Mae gofid ar ôl camgymeriad yn gyffredin ac nid yw'n arwydd o wendid.",
  'sections[knowledge].items[know-1].options[inexperienced].label':
    "Dim ond staff dibrofiad sy'n teimlo gofid ar ôl camgymeriad.",
  'sections[knowledge].items[know-1].options[unsuited].label':
    "Mae teimlo gofid yn golygu nad ydych chi'n addas ar gyfer gwaith clinigol.",
  'sections[knowledge].items[know-2].text':
    "Pa rai o'r rhain sy'n arferion meddwl di-fudd? Dewiswch bob un sy'n berthnasol.",
  'sections[knowledge].items[know-2].options[worst].label': 'Disgwyl y canlyniad gwaethaf posibl',
  'sections[knowledge].items[know-2].options[all-or-nothing].label':
    'Gweld pethau fel rhai cwbl dda neu gwbl ddrwg',
  'sections[knowledge].items[know-2].options[ask].label':
    "Gofyn i gydweithiwr sut mae'n gweld beth ddigwyddodd",
  'sections[knowledge].items[know-2].options[mind-reading].label':
    'Tybio eich bod yn gwybod beth mae pobl eraill yn ei feddwl ohonoch',
  'sections[knowledge].items[know-3].text': 'Beth mae “arddull esbonio” yn ei ddisgrifio?',
  'sections[knowledge].items[know-3].options[self].label':
    "Sut mae person yn esbonio anhawster iddo'i hun",
  'sections[knowledge].items[know-3].options[diagnosis].label':
    'Sut mae clinigwr yn esbonio diagnosis i glaf',
  'sections[knowledge].items[know-3].options[report].label':
    'Sut dylid ysgrifennu adroddiad am ddigwyddiad',
  'sections[knowledge].items[know-4].text':
    "Pa rai o'r rhain all eich helpu i dawelu ar adeg llawn straen? Dewiswch bob un sy'n berthnasol.",
  'sections[knowledge].items[know-4].options[breathing].label':
    "Anadlu'n araf, gydag anadl allan sy'n hirach na'r anadl i mewn",
  'sections[knowledge].items[know-4].options[naming].label':
    "Enwi i chi'ch hun beth rydych chi'n ei deimlo",
  'sections[knowledge].items[know-4].options[replaying].label':
    "Ailchwarae'r digwyddiad dro ar ôl tro",
  'sections[knowledge].items[know-4].options[skipping].label':
    'Hepgor eich egwyl er mwyn dal i fyny',
  'sections[knowledge].items[know-5].text':
    "Ar beth mae ymdopi'n dda ar ôl camgymeriad yn dibynnu?",
  'sections[knowledge].items[know-5].options[character].label':
    'Cryfder cymeriad yr unigolyn yn unig',
  'sections[knowledge].items[know-5].options[both].label':
    "Yr unigolyn, a'r cymorth a'r systemau o'i gwmpas",
  'sections[knowledge].items[know-5].options[luck].label': 'Lwc, yn bennaf',
  'sections[bouncing-back].title': 'Eich gwytnwch',
  'sections[bouncing-back].items[resilience].text':
    "At ei gilydd, pa mor dda ydych chi'n dod dros ddigwyddiad anodd yn y gwaith?",
  'sections[bouncing-back].items[resilience].minLabel': 'Ddim yn dda o gwbl',
  'sections[bouncing-back].items[resilience].maxLabel': 'Yn dda iawn',
  'sections[evaluation].title': 'Eich barn am yr hyfforddiant',
  'sections[evaluation].description': "I ba raddau ydych chi'n cytuno â phob datganiad?",
  'sections[evaluation].items[eval-relevant].text':
    "Roedd yr hyfforddiant yn berthnasol i'm gwaith clinigol.",
  'sections[evaluation].items[eval-interactive].text':
    'Roedd yr hyfforddiant yn rhyngweithiol: cymerais ran weithredol.',
  'sections[evaluation].items[eval-applicable].text':
    "Gallaf ddefnyddio'r hyn a ddysgais yn fy ngwaith bob dydd.",
  'sections[evaluation].items[eval-own-coping].text':
    "Helpodd yr hyfforddiant fi i archwilio sut rydw i'n ymdopi â'm camgymeriadau fy hun.",
  'sections[evaluation].items[eval-organisation].text':
    "Roedd yr hyfforddiant yn cydnabod bod pethau y tu hwnt i'm rheolaeth, fel lefelau staffio a systemau, yn effeithio ar sut rydw i'n ymdopi.",
  'sections[evaluation].items[eval-coaching].text':
    'Helpodd yr alwad hyfforddi fi i symud fy nghynllun gweithredu yn ei flaen.',
  'sections[evaluation].items[eval-comments].text':
    "Beth fyddech chi'n ei newid am yr hyfforddiant, os unrhyw beth?",
  'sections[evaluation].items[eval-comments].help':
    'Peidiwch â chynnwys unrhyw beth a allai ddatgelu pwy yw claf neu gydweithiwr.',
  'sections[looking-back].title': 'Edrych yn ôl',
  'sections[looking-back].items[retro-confidence].text':
    "Meddyliwch yn ôl i'r cyfnod cyn yr hyfforddiant. Pa mor hyderus oeddech chi bryd hynny ynghylch ymdopi â digwyddiad andwyol yn y gwaith?",
  'sections[looking-back].items[retro-confidence].minLabel': 'Dim hyder o gwbl',
  'sections[looking-back].items[retro-confidence].maxLabel': 'Yn gwbl hyderus',
  'sections[looking-back].items[now-confidence].text':
    'A nawr: pa mor hyderus ydych chi ynghylch ymdopi â digwyddiad andwyol yn y gwaith?',
  'sections[looking-back].items[now-confidence].minLabel': 'Dim hyder o gwbl',
  'sections[looking-back].items[now-confidence].maxLabel': 'Yn gwbl hyderus',
  'sections[reflect].title': 'Myfyrio ar ddigwyddiad anodd',
  'sections[reflect].description':
    "Mae'r myfyrdodau hyn i chi. Maen nhw'n aros ar y ddyfais hon ac nid ydynt byth yn cael eu hanfon gyda'ch atebion. Ysgrifennwch gymaint neu gyn lleied ag y dymunwch; mae pob cam yn ddewisol.",
  'sections[reflect].items[gibbs].text':
    'Meddyliwch am ddigwyddiad anodd yn y gwaith, ac ewch drwyddo gam wrth gam.',
  'sections[reflect].items[gibbs].help':
    'Peidiwch â chynnwys unrhyw beth a allai ddatgelu pwy yw claf neu gydweithiwr.',
  'sections[reflect].items[gibbs].steps[description].prompt': 'Beth ddigwyddodd?',
  'sections[reflect].items[gibbs].steps[description].help':
    'Disgrifiwch y digwyddiad yn fyr, heb ei farnu eto.',
  'sections[reflect].items[gibbs].steps[feelings].prompt':
    "Beth oeddech chi'n ei feddwl a'i deimlo?",
  'sections[reflect].items[gibbs].steps[evaluation].prompt':
    'Beth oedd yn dda a beth oedd yn ddrwg am y profiad?',
  'sections[reflect].items[gibbs].steps[analysis].prompt':
    "Pam rydych chi'n meddwl iddo ddigwydd fel y gwnaeth? Beth oedd o fewn eich rheolaeth, a beth nad oedd?",
  'sections[reflect].items[gibbs].steps[conclusion].prompt':
    "Beth arall allech chi fod wedi'i wneud? Beth ydych chi wedi'i ddysgu?",
  'sections[reflect].items[gibbs].steps[action].prompt':
    "Pe bai'n digwydd eto, beth fyddech chi'n ei wneud?",
  'sections[reflect].items[explain].text': 'Esboniad arall',
  'sections[reflect].items[explain].help':
    "Mae'r ffordd rydyn ni'n esbonio anhawster i ni'n hunain yn dylanwadu ar sut rydyn ni'n teimlo amdano.",
  'sections[reflect].items[explain].steps[what-happened].prompt': 'Beth ddigwyddodd?',
  'sections[reflect].items[explain].steps[my-explanation].prompt':
    "Sut gwnaethoch chi ei esbonio i chi'ch hun ar y pryd?",
  'sections[reflect].items[explain].steps[another].prompt':
    'Beth yw esboniad arall, un y gallai sylwedydd teg ei roi?',
  'sections[reflect].items[compassion].text': "Bod yn garedig wrthych chi'ch hun",
  'sections[reflect].items[compassion].steps[colleague].prompt':
    "Pe bai cydweithiwr yn dweud wrthych fod hyn wedi digwydd iddyn nhw, beth fyddech chi'n ei ddweud wrthyn nhw?",
  'sections[reflect].items[compassion].steps[yourself].prompt':
    "Allwch chi ddweud yr un peth wrthych chi'ch hun? Ysgrifennwch hynny yma.",
  'sections[plan].title': 'Eich cynllun gweithredu',
  'sections[plan].description':
    "Dechreuwch eich cynllun ar ôl y gweithdy, ac adeiladwch arno ar ôl eich galwad hyfforddi. Mae'n aros ar y ddyfais hon ac nid yw byth yn cael ei anfon gyda'ch atebion.",
  'sections[plan].items[action-plan].text': 'Fy nghynllun gweithredu',
  'sections[plan].items[action-plan].steps[change].prompt':
    "Un peth y byddaf yn ei wneud i ofalu amdanaf fy hun pan fydd rhywbeth yn mynd o'i le",
  'sections[plan].items[action-plan].steps[first-step].prompt':
    'Fy ngham cyntaf, a phryd y byddaf yn ei gymryd',
  'sections[plan].items[action-plan].steps[talk-to].prompt': 'Gyda phwy allwn i siarad?',
  'sections[plan].items[action-plan].steps[talk-to].help':
    "Cydweithiwr rydych chi'n ei barchu, eich goruchwyliwr neu fentor",
  'sections[plan].items[action-plan].steps[obstacles].prompt':
    "Beth allai fod yn rhwystr, a beth fyddai'n helpu?",
  'scores[confidence].label': 'Hyder wrth ymdopi â digwyddiadau andwyol (1 i 5)',
  'scores[knowledge].label': 'Gwiriad gwybodaeth: atebion cywir',
};

/** The pack with its "cy" text added. */
export const add = (pack: Pack): Pack => withLanguage(pack, 'cy', strings);
