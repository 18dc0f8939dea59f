import {
  byCreated,
  cutoff,
  DRAFT_MAX_AGE_MS,
  type Draft,
  type LocalResponse,
  type OutboxRecord,
  type OutboxUpdate,
  type Store,
} from './types.js';

/** Keeps everything in maps; values are cloned in and out, as IndexedDB would. */
export class MemoryStore implements Store {
  readonly persistent = false;
  readonly #drafts = new Map<string, Draft>();
  readonly #outbox = new Map<string, OutboxRecord>();
  readonly #local = new Map<string, LocalResponse>();

  async getDraft(key: string) {
    const draft = this.#drafts.get(key);
    return draft && structuredClone(draft);
  }
  async listDrafts() {
    return [...this.#drafts.values()].map((d) => structuredClone(d));
  }
  async putDraft(draft: Draft) {
    this.#drafts.set(draft.key, structuredClone(draft));
  }
  async deleteDraft(key: string) {
    this.#drafts.delete(key);
  }
  async expireDrafts(maxAgeMs = DRAFT_MAX_AGE_MS, now = Date.now()) {
    const before = cutoff(maxAgeMs, now);
    let count = 0;
    for (const [key, draft] of this.#drafts) {
      if (draft.updatedAt < before) {
        this.#drafts.delete(key);
        count++;
      }
    }
    return count;
  }
  async addOutbox(record: OutboxRecord) {
    if (this.#outbox.has(record.id)) return false;
    this.#outbox.set(record.id, structuredClone(record));
    return true;
  }
  async getOutbox(id: string) {
    const record = this.#outbox.get(id);
    return record && structuredClone(record);
  }
  async listOutbox() {
    return [...this.#outbox.values()].map((r) => structuredClone(r)).sort(byCreated);
  }
  async updateOutbox(id: string, update: OutboxUpdate) {
    const current = this.#outbox.get(id);
    const next = current && update(structuredClone(current));
    if (!next) return undefined;
    this.#outbox.set(id, structuredClone(next));
    return structuredClone(next);
  }
  async deleteOutbox(id: string) {
    this.#outbox.delete(id);
  }
  async addLocal(response: LocalResponse) {
    if (this.#local.has(response.id)) return false;
    this.#local.set(response.id, structuredClone(response));
    return true;
  }
  async listLocal() {
    return [...this.#local.values()].map((r) => structuredClone(r));
  }
  async deleteLocal(id: string) {
    this.#local.delete(id);
  }
  async clearEverything() {
    this.#drafts.clear();
    this.#outbox.clear();
    this.#local.clear();
  }
  onFallback() {
    return () => {};
  }
  close() {}
}

/** A memory store seeded with whatever `primary` can still read (where a failed store goes on). */
export async function memoryCopyOf(primary: Store): Promise<MemoryStore> {
  const memory = new MemoryStore();
  const copy = async <T>(list: () => Promise<T[]>, put: (item: T) => Promise<unknown>) => {
    try {
      for (const item of await list()) await put(item);
    } catch {
      // Whatever cannot be read any more stays where it is, for the next visit.
    }
  };
  await copy(
    () => primary.listDrafts(),
    (d) => memory.putDraft(d),
  );
  await copy(
    () => primary.listOutbox(),
    (r) => memory.addOutbox(r),
  );
  await copy(
    () => primary.listLocal(),
    (r) => memory.addLocal(r),
  );
  return memory;
}
