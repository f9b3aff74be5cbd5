import type { ConditionPart, SourceRef, TextSegment } from './effective-ruleset';

/** What a part knows about where its text came from: its start, source map and folded line breaks. */
export interface PartMap {
  readonly at: SourceRef;
  readonly segments: readonly TextSegment[];
  readonly lineBreaks: readonly number[];
}

/**
 * A condition part whose source map is computed the first time it is asked for. A lint builds one
 * for every condition and output of every file, mostly before the JIT has warmed up, and only the
 * parts a message points into (or that synth re-emits) are ever mapped.
 */
export class LazyPart implements ConditionPart {
  #map: PartMap | undefined;
  readonly #mapper: () => PartMap;

  constructor(
    readonly text: string,
    readonly kind: ConditionPart['kind'],
    mapper: () => PartMap,
  ) {
    this.#mapper = mapper;
  }

  get at(): SourceRef {
    return this.map().at;
  }

  get segments(): readonly TextSegment[] {
    return this.map().segments;
  }

  get lineBreaks(): readonly number[] {
    return this.map().lineBreaks;
  }

  private map(): PartMap {
    return (this.#map ??= this.#mapper());
  }
}
