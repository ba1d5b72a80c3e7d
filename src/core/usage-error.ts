/**
 * A problem with how Keel was invoked (an option, an environment variable, a folder), not
 * with the content: printed as one line, exit code 2.
 */
export class UsageError extends Error {
  override name = 'UsageError';
  readonly exitCode = 2;
}
