// The SCORM bridge against a real LMS-side runtime (scorm-again) living in the test page,
// while the bridge looks for it from inside an iframe: the SCO's place in a real LMS.
import {expect} from '@open-wc/testing';
import {Scorm12API, Scorm2004API} from 'scorm-again';
import {
  cmiTimespan,
  findScormApi,
  isoDuration,
  ScormBridge,
  type FoundApi,
} from '../../src/lms/scorm.js';

type LmsWindow = Window & {API?: unknown; API_1484_11?: unknown};
const top = window as LmsWindow;
const settings = {autocommit: false, logLevel: 5 as const, lmsCommitUrl: false};
/** What the LMS would store: its CMI as JSON (write-only elements included). */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const stored = (lms: {cmi: unknown}): any => JSON.parse(JSON.stringify(lms.cmi));

/** An iframe `depth` frames below the test page, as a SCO inside nested LMS frames. */
async function frameAt(depth: number): Promise<Window> {
  let parent: Document = document;
  let win: Window = window;
  for (let i = 0; i < depth; i++) {
    const frame = parent.createElement('iframe');
    parent.body.append(frame);
    await new Promise((r) => setTimeout(r, 0));
    win = frame.contentWindow as Window;
    parent = win.document;
    if (!parent.body) parent.documentElement.append(parent.createElement('body'));
  }
  return win;
}

afterEach(() => {
  delete top.API;
  delete top.API_1484_11;
  document.querySelectorAll('iframe').forEach((f) => f.remove());
});

describe('findScormApi', () => {
  it('finds SCORM 1.2 API in the parent of the SCO frame', async () => {
    top.API = new Scorm12API(settings);
    const sco = await frameAt(1);
    const found = findScormApi(sco);
    expect(found?.version).to.equal('1.2');
    expect(found?.api).to.equal(top.API);
  });

  it('prefers SCORM 2004 when a window has both', async () => {
    top.API = new Scorm12API(settings);
    top.API_1484_11 = new Scorm2004API(settings);
    expect(findScormApi(await frameAt(2))?.version).to.equal('2004');
  });

  it('walks at most 7 frames up', () => {
    const api = {LMSInitialize: () => 'true'};
    type F = {API?: unknown; parent?: F | null};
    const chain = (levels: number): F => {
      const topFrame: F = {API: api, parent: null};
      topFrame.parent = topFrame;
      let f = topFrame;
      for (let i = 0; i < levels; i++) f = {parent: f};
      return f;
    };
    expect(findScormApi(chain(7) as Window)?.version).to.equal('1.2');
    expect(findScormApi(chain(8) as Window)).to.equal(null);
  });

  it('looks in the opener (and its parents) when no frame above has it', () => {
    const api = {Initialize: () => 'true'};
    const openerParent = {API_1484_11: api, parent: null as unknown};
    openerParent.parent = openerParent;
    const popup = {parent: null as unknown, opener: {parent: openerParent}};
    popup.parent = popup;
    expect(findScormApi(popup as unknown as Window)?.version).to.equal('2004');
  });

  it('gives null where there is no LMS, and survives a frame that throws', () => {
    expect(findScormApi(window)).to.equal(null);
    const hostile = {
      get API(): unknown {
        throw new DOMException('cross-origin', 'SecurityError');
      },
      get parent(): unknown {
        throw new DOMException('cross-origin', 'SecurityError');
      },
    };
    expect(findScormApi(hostile as unknown as Window)).to.equal(null);
  });
});

describe('ScormBridge with SCORM 1.2 (scorm-again)', () => {
  it('initialises, completes with a score, commits and finishes once', async () => {
    const lms = new Scorm12API(settings);
    top.API = lms;
    let t = 0;
    const bridge = new ScormBridge(findScormApi(await frameAt(1)) as FoundApi, {now: () => t});
    expect(bridge.initialise()).to.equal(true);
    expect(stored(lms).core.exit).to.equal('suspend');
    expect(bridge.setCompletion({raw: 80, min: 0, max: 100})).to.equal(true);
    expect(lms.cmi.core.lesson_status).to.equal('completed');
    expect(lms.cmi.core.score.raw).to.equal('80');
    expect(bridge.commit()).to.equal(true);
    t = 65_000;
    expect(bridge.finish()).to.equal(true);
    // Accepted as a CMITimespan, and stored in the LMS's own form.
    expect(stored(lms).core.session_time).to.equal('00:01:05');
    expect(bridge.finish()).to.equal(false);
    expect(lms.isTerminated()).to.equal(true);
  });

  it('sends no answers to the LMS unless the page opts in', async () => {
    const lms = new Scorm12API(settings);
    top.API = lms;
    const closed = new ScormBridge(findScormApi(window) as FoundApi);
    closed.initialise();
    const answer = {id: 'conf-1', type: 'likert' as const, response: '4'};
    expect(closed.setInteractions([answer])).to.equal(false);
    expect(lms.LMSGetValue('cmi.interactions._count')).to.equal('0');
    closed.finish();

    const lms2 = new Scorm12API(settings);
    top.API = lms2;
    const open = new ScormBridge(findScormApi(window) as FoundApi, {shareAnswers: true});
    open.initialise();
    const long = {id: 'eval-free', type: 'long-fill-in' as const, response: 'x'.repeat(300)};
    expect(open.setInteractions([answer, long])).to.equal(true);
    expect(lms2.LMSGetValue('cmi.interactions._count')).to.equal('2');
    // SCORM 1.2 has no long-fill-in, and caps a response at 255 characters.
    const interactions = stored(lms2).interactions;
    expect(interactions['1'].type).to.equal('fill-in');
    expect(interactions['1'].student_response.length).to.equal(255);
  });

  it('finishes on pagehide, leaving an unfinished attempt suspended', async () => {
    const lms = new Scorm12API(settings);
    top.API = lms;
    const bridge = new ScormBridge(findScormApi(window) as FoundApi);
    bridge.initialise();
    const detach = bridge.attach(window);
    window.dispatchEvent(new PageTransitionEvent('pagehide'));
    expect(lms.isTerminated()).to.equal(true);
    expect(stored(lms).core.exit).to.equal('suspend');
    detach();
  });
});

describe('ScormBridge with SCORM 2004 (scorm-again)', () => {
  it('sets completion_status, a scaled score and an ISO session time', async () => {
    const lms = new Scorm2004API(settings);
    top.API_1484_11 = lms;
    let t = 0;
    const bridge = new ScormBridge(findScormApi(await frameAt(1)) as FoundApi, {now: () => t});
    expect(bridge.version).to.equal('2004');
    expect(bridge.initialise()).to.equal(true);
    expect(bridge.setCompletion({raw: 3.8, min: 1, max: 5})).to.equal(true);
    expect(lms.cmi.completion_status).to.equal('completed');
    expect(lms.cmi.score.scaled).to.equal('0.7');
    expect(stored(lms).exit).to.equal('normal');
    t = 3_723_500;
    expect(bridge.finish()).to.equal(true);
    expect(stored(lms).session_time).to.equal('PT1H2M3.5S');
    expect(lms.isTerminated()).to.equal(true);
  });

  it('reports failure, without throwing, when the LMS refuses', () => {
    const refusing = {
      Initialize: () => 'false',
      Terminate: () => 'false',
      GetValue: () => '',
      SetValue: () => {
        throw new Error('boom');
      },
      Commit: () => 'false',
      GetLastError: () => '101',
    };
    const bridge = new ScormBridge({version: '2004', api: refusing});
    expect(bridge.initialise()).to.equal(false);
    expect(bridge.setCompletion()).to.equal(false);
    expect(bridge.finish()).to.equal(false);
  });
});

describe('time formats', () => {
  it('writes SCORM 1.2 timespans and ISO durations', () => {
    expect(cmiTimespan(0)).to.equal('0000:00:00.00');
    expect(cmiTimespan(3723.456)).to.equal('0001:02:03.46');
    expect(isoDuration(59.994)).to.equal('PT59.99S');
    expect(isoDuration(3600)).to.equal('PT1H0S');
  });
});
