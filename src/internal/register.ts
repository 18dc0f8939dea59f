/** Defines each tag not defined yet: a page may load a bundle twice (an LMS wrapper and the lesson). */
export function register(tags: Record<string, CustomElementConstructor>) {
  for (const [tag, ctor] of Object.entries(tags)) {
    if (!customElements.get(tag)) customElements.define(tag, ctor);
  }
}
