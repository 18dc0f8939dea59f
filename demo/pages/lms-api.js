// A stand-in SCORM 1.2 LMS for the demo: the `window.API` a lesson frame finds by walking up
// its parents, recording every call so the page can show what the LMS received.
(() => {
  const data = {'cmi.core.lesson_status': 'not attempted', 'cmi.core.student_id': 'learner-42'};
  const log = [];
  const show = (call, args, result) => {
    log.push({call, args, result});
    const out = document.getElementById('lms-log');
    if (!out) return;
    const li = document.createElement('li');
    li.textContent = `${call}(${args.map((a) => JSON.stringify(a)).join(', ')}) → ${JSON.stringify(result)}`;
    out.append(li);
    const status = document.getElementById('lms-status');
    if (status) status.textContent = data['cmi.core.lesson_status'];
  };
  const api = (name, fn) =>
    function (...args) {
      const result = fn(...args);
      show(name, args, result);
      return result;
    };
  window.API = {
    LMSInitialize: api('LMSInitialize', () => 'true'),
    LMSFinish: api('LMSFinish', () => 'true'),
    LMSGetValue: api('LMSGetValue', (key) => data[key] ?? ''),
    LMSSetValue: api('LMSSetValue', (key, value) => {
      data[key] = String(value);
      return 'true';
    }),
    LMSCommit: api('LMSCommit', () => 'true'),
    LMSGetLastError: () => '0',
    LMSGetErrorString: () => 'No error',
    LMSGetDiagnostic: () => '',
  };
  window.lmsLog = log;
  window.lmsData = data;
})();
