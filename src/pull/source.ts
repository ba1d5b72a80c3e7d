/**
 * A measurement source: where `keel pull` reads SLI data from. One interface, so the command
 * knows nothing of HTTP; src/pull/prometheus.ts is the Prometheus HTTP API behind it.
 */

/** One series of a range query: its labels and its samples (epoch ms, value; NaN when the source says so). */
export interface RangeSeries {
  readonly labels: Readonly<Record<string, string>>;
  readonly samples: readonly (readonly [number, number])[];
}

export interface RangeQuery {
  readonly promql: string;
  /** First and last evaluation instants (epoch ms, multiples of stepMs) and the step. */
  readonly startMs: number;
  readonly endMs: number;
  readonly stepMs: number;
}

export interface MeasurementSource {
  /** Where it reads from, for messages. */
  readonly url: string;
  rangeQuery(query: RangeQuery): Promise<RangeSeries[]>;
}

/**
 * Why a query failed: the server could not be reached (after the retries), it rejected the
 * query (its own message), or it answered with something that is not its API (a login page).
 */
export class SourceError extends Error {
  override name = 'SourceError';
  readonly kind: 'unreachable' | 'rejected' | 'bad-response';
  constructor(kind: 'unreachable' | 'rejected' | 'bad-response', message: string) {
    super(message);
    this.kind = kind;
  }
}
