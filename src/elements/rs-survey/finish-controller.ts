/**
 * The lazily loaded finish code (`finish.ts`) as a controller: loads it (with the page's body
 * format) within a time limit, says when it could not (the last pages offer "Try again"),
 * starts delivery once, and checks the page's `endpoint` and `format` when it arrives and
 * whenever the page changes them afterwards.
 */
import type {CSSResult, ReactiveController, ReactiveControllerHost} from 'lit';
import {whenIdle, withinTime, type Clock} from '../../internal/clock.js';
import {loadIdentifierCheck} from '../../internal/identifiers.js';
import type {SurveyErrorDetail} from '../../events.js';
import type {Store} from '../../store/store.js';
import type {
  DeliveryController,
  DeliveryControllerOptions,
} from '../../transport/delivery-controller.js';
import type {Destination} from '../../transport/endpoint.js';
import type {Submission} from '../../transport/submit.js';

export type Finish = typeof import('./finish.js');

/** What delivery is for: read from the host each time, as the page may change it. */
export interface DeliverySettings {
  readonly endpoint?: unknown;
  readonly format: unknown;
  readonly headers: {readonly [name: string]: string};
  readonly credentials: RequestCredentials;
  readonly participant?: string;
  readonly fetch: typeof fetch;
}

/** What a submission needs besides the element's delivery settings. */
type SubmitInput = Omit<
  Submission,
  'destination' | 'delivery' | 'format' | 'headers' | 'credentials' | 'participant' | 'origin'
>;

export interface FinishOptions {
  import(): Promise<Finish>;
  /** How long to wait on a stalled connection before offering "Try again". */
  readonly timeoutMs: () => number;
  readonly clock: Clock;
  readonly settings: () => DeliverySettings;
  /** Retry timing and the delivery events (`rs-queued`, `rs-submitted`, `rs-error`). */
  readonly delivery: DeliveryControllerOptions;
  /** An endpoint or format the page cannot use. */
  readonly onProblem: (detail: SurveyErrorDetail) => void;
  /** Whether the person waits for the code now (the last pages): it loads then. */
  readonly needed: () => boolean;
  /** Takes the last pages' styles, which come with their code. */
  readonly adopt: (styles: CSSResult) => void;
}

export class FinishController implements ReactiveController {
  /** The finish code, once loaded. */
  module?: Finish;
  /** It could not load while the person waited for it (the last pages offer a retry). */
  failed = false;
  delivery?: DeliveryController;

  readonly #host: ReactiveControllerHost;
  readonly #options: FinishOptions;
  #loading?: Promise<Finish>;
  #store?: Store;
  /** The endpoint and format last checked, so a change is checked again. */
  #checked: [endpoint?: unknown, format?: unknown] = [];
  #prefetched = false;
  #adopted = false;

  constructor(host: ReactiveControllerHost, options: FinishOptions) {
    this.#host = host;
    this.#options = options;
    host.addController(this);
  }

  /** Where a response goes now; undefined until the code has loaded. */
  get destination(): Destination | undefined {
    return this.module?.resolveEndpoint(this.#options.settings().endpoint, location.href);
  }

  /** Resolves once loaded (or failed): what the last pages wait for. */
  get pending(): Promise<unknown> | undefined {
    return this.module ? undefined : this.#loading?.catch(() => {});
  }

  hostUpdate(): void {
    // After a failed load only the person's "Try again" tries again (no loop of failures).
    if (!this.delivery && !this.failed && this.#options.needed()) this.start().catch(() => {});
    this.#check();
    if (this.module && !this.#adopted) {
      this.#adopted = true;
      this.#options.adopt(this.module.endingStyles);
    }
  }

  /**
   * Fetches the code while the person answers the first questions, so a connection that
   * drops later costs nothing (not earlier: a person who presses Start at once should not
   * wait for bytes the first questions do not need). The build puts the identifier check in
   * the same file (vite.config.ts): one request.
   */
  prefetch(): void {
    if (this.#prefetched) return;
    this.#prefetched = true;
    whenIdle(() => {
      this.load(true).catch(() => {});
      void loadIdentifierCheck();
    });
  }

  /**
   * Loads the code once (a failure is tried again on the next call). A failure in the
   * background is not shown; only one the person waits for is (also when they came to wait
   * for a load that began in the background).
   */
  load(background = false): Promise<Finish> {
    return (this.#loading ??= this.#import().then(
      (finish) => {
        this.module = finish;
        this.failed = false;
        this.#check();
        this.#host.requestUpdate();
        return finish;
      },
      (error: unknown) => {
        this.#loading = undefined;
        if (!background || this.#options.needed()) {
          this.failed = true;
          this.#host.requestUpdate();
        }
        throw error;
      },
    ));
  }

  /** "Try again" on the last pages: the loading line shows while it does. */
  retry(): void {
    this.failed = false;
    this.#host.requestUpdate();
  }

  /** Loads the code and starts delivery (once, until `reset()`). */
  async start(): Promise<Finish> {
    const finish = await this.load();
    if (!this.delivery) {
      const {settings} = this.#options;
      this.delivery = new finish.DeliveryController(this.#host, {
        clock: this.#options.clock,
        ...this.#options.delivery,
        fetch: (...args) => settings().fetch(...args),
        headersFor: (record) =>
          finish.headersFor(this.destination!, record.url, settings().headers),
      });
      if (this.#store) this.delivery.attach(this.#store);
      this.#host.requestUpdate();
    }
    return finish;
  }

  /**
   * Submits with the code loaded and delivery started: to the endpoint, in the format, with the
   * headers and credentials as they are now.
   */
  async submit(input: SubmitInput) {
    const finish = await this.start();
    const {format, headers, credentials, participant} = this.#options.settings();
    return finish.submitResponse({
      ...input,
      format: format as string,
      headers,
      credentials,
      participant,
      origin: location.origin,
      destination: this.destination!,
      delivery: this.delivery!,
    });
  }

  /** Delivery uses `store`; responses of an earlier visit `waiting` there start it now. */
  attach(store: Store, waiting = false): void {
    this.#store = store;
    this.delivery?.attach(store);
    if (waiting) this.start().catch(() => {});
  }

  /** Forgets delivery (everything was deleted): a new one starts from nothing. */
  reset(): void {
    if (!this.delivery) return;
    this.delivery.hostDisconnected();
    this.#host.removeController(this.delivery);
    this.delivery = undefined;
  }

  #import(): Promise<Finish> {
    const {clock, timeoutMs, settings} = this.#options;
    return withinTime(
      clock,
      timeoutMs(),
      this.#options.import().then(async (finish) => {
        await finish.loadFormat(settings().format);
        return finish;
      }),
    );
  }

  /**
   * A page author learns of an endpoint or format it cannot use once the code loads (soon
   * after the first questions show), and again when they change it, not after a
   * participant's last page.
   */
  #check(): void {
    const finish = this.module;
    if (!finish) return;
    const {endpoint, format} = this.#options.settings();
    const [lastEndpoint, lastFormat] = this.#checked;
    if (endpoint === lastEndpoint && format === lastFormat) return;
    this.#checked = [endpoint, format];
    // Each setting is told of when it changes, not again with the other's.
    const changed = {
      'endpoint-invalid': endpoint !== lastEndpoint,
      'format-unknown': format !== lastFormat,
    };
    for (const problem of finish.deliveryProblems(this.destination!, format)) {
      if (changed[problem.code]) this.#options.onProblem(problem);
    }
    // A format chosen now loads its adapter now, while the connection is there.
    if (changed['format-unknown']) finish.loadFormat(format).catch(() => {});
  }
}
