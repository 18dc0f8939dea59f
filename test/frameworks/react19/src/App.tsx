// React 19: the tag itself. One import registers it and brings its types.
import {useState, version} from 'react';
import 'resilience-survey/define.js';
import type {SubmittedDetail} from 'resilience-survey';

export function App() {
  const [ready, setReady] = useState('');
  const [submitted, setSubmitted] = useState<SubmittedDetail | null>(null);
  return (
    <main>
      <h1>Team check-in (React 19)</h1>
      <rs-survey
        instrument="coping-with-error"
        timepoint="post-workshop"
        storage-key="react-19-app"
        draftDays={7}
        headers={{'X-Requested-With': 'react-19-app'}}
        onrs-ready={(e) => setReady(`${e.detail.instrument.id} ${e.detail.timepoint}`)}
        onrs-submitted={(e) => setSubmitted(e.detail)}
        onrs-error={(e) => console.warn(e.detail.code, e.detail.message)}
      >
        <p>This questionnaire needs a current browser.</p>
      </rs-survey>
      <p id="app-ready">{ready}</p>
      <p id="app-react">React {version}</p>
      {submitted && (
        <p id="app-submitted">
          The app saw rs-submitted: {submitted.id} ({String(submitted.status)})
        </p>
      )}
    </main>
  );
}
