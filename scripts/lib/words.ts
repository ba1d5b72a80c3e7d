/** Vocabulary for generated content: plausible names, phrases and sentences. */

export const DOMAINS = [
  'payments',
  'billing',
  'checkout',
  'search',
  'catalog',
  'inventory',
  'orders',
  'shipping',
  'identity',
  'auth',
  'notifications',
  'messaging',
  'email',
  'sms',
  'media',
  'images',
  'video',
  'analytics',
  'reporting',
  'ledger',
  'accounts',
  'profiles',
  'sessions',
  'gateway',
  'edge',
  'cdn',
  'dns',
  'storage',
  'uploads',
  'queue',
  'scheduler',
  'workflow',
  'ranking',
  'recommendations',
  'pricing',
  'tax',
  'fraud',
  'risk',
  'compliance',
  'audit',
  'support',
  'chat',
  'docs',
  'webhooks',
  'integrations',
  'exports',
  'imports',
  'sync',
  'flags',
  'config',
  'secrets',
  'metrics',
  'logging',
  'tracing',
  'builds',
  'deploys',
  'settings',
  'teams',
  'invoices',
  'subscriptions',
] as const;

export const ROLES = [
  'api',
  'service',
  'worker',
  'gateway',
  'store',
  'db',
  'cache',
  'indexer',
  'ingest',
  'proxy',
  'scheduler',
  'frontend',
  'web',
  'consumer',
  'publisher',
  'router',
] as const;

/** Status-page component groups. */
export const GROUPS = ['Web app', 'API', 'Mobile apps', 'Integrations', 'Infrastructure'] as const;

export const FIRST_NAMES = [
  'ana',
  'ben',
  'chen',
  'dara',
  'eli',
  'fatima',
  'gus',
  'hana',
  'ivan',
  'jo',
  'kofi',
  'lena',
  'mateo',
  'nia',
  'omar',
  'priya',
  'quinn',
  'rosa',
  'sam',
  'tariq',
  'uma',
  'vik',
  'wen',
  'xavi',
  'yara',
  'zoe',
  'amir',
  'bea',
  'carlos',
  'dmitri',
  'emma',
  'femi',
  'greta',
  'hugo',
  'ines',
  'jonas',
  'kai',
  'lucia',
  'mo',
  'noor',
] as const;

export const LAST_NAMES = [
  'silva',
  'okafor',
  'nakamura',
  'schmidt',
  'garcia',
  'kowalski',
  'haddad',
  'novak',
  'rossi',
  'dubois',
  'andersen',
  'mehta',
  'kim',
  'oliveira',
  'lindqvist',
  'moreau',
  'tanaka',
  'petrov',
  'osei',
  'fischer',
] as const;

/** Incident symptoms: slug for the file name and a title phrase. */
export const SYMPTOMS = [
  ['error-rate', 'Elevated error rates on'],
  ['latency', 'Increased latency on'],
  ['timeouts', 'Request timeouts on'],
  ['outage', 'Outage of'],
  ['degraded', 'Degraded performance of'],
  ['login-failures', 'Sign-in failures affecting'],
  ['stale-data', 'Stale data served by'],
  ['queue-backlog', 'Processing delays in'],
  ['5xx-spike', 'Spike of server errors from'],
  ['partial-outage', 'Partial outage of'],
  ['dns-resolution', 'Name resolution failures for'],
  ['cert-expiry', 'Expired certificate on'],
  ['data-delay', 'Delayed data in'],
  ['deploy-regression', 'Regression after a deploy of'],
] as const;

export const ALERT_KINDS = [
  'HighErrorRate',
  'HighLatency',
  'ErrorBudgetBurn',
  'QueueBacklog',
  'PodCrashLooping',
  'CertificateExpiry',
  'DiskFillingUp',
  'ReplicationLag',
  'SaturationHigh',
  'ServerErrorSpike',
  'DependencyDown',
  'TooManyRestarts',
  'ConnectionPoolExhausted',
  'StaleData',
  'ScrapeTargetMissing',
  'MemoryPressure',
] as const;

export const CAUSES = [
  'a configuration change that lowered the connection pool size',
  'an expired TLS certificate on an internal load balancer',
  'a slow database query introduced by a schema migration',
  'a retry storm after a brief network partition',
  'a memory leak in the request parser under large payloads',
  'a feature flag rolled out to all customers at once',
  'an exhausted thread pool in the upstream client',
  'a noisy neighbour saturating the shared disk',
  'a DNS record that pointed at a decommissioned cluster',
  'a cache stampede after the cache nodes were restarted',
  'a dependency upgrade that changed default timeouts',
  'a cron job that locked the primary table during peak hours',
  'an autoscaling policy that reacted too slowly to a traffic spike',
  'a misrouted deploy that shipped an unreleased build',
  'clock skew between nodes that invalidated session tokens',
  'a full message queue that rejected new events',
] as const;

export const METRICS = [
  'p99 latency',
  'error rate',
  'queue depth',
  'CPU saturation',
  'connection count',
  'garbage collection pauses',
  'retry rate',
  'cache hit ratio',
  'replication lag',
  'disk IOPS',
  'open file descriptors',
  'request rate',
] as const;

export const ACTIONS = [
  'rolled back the last deploy',
  'failed over to the secondary region',
  'restarted the affected pods',
  'raised the connection pool limit',
  'disabled the feature flag',
  'drained the unhealthy node pool',
  'purged the poisoned cache entries',
  'scaled the worker fleet out',
  'renewed the certificate',
  'paused the batch job',
  'shed low-priority traffic at the edge',
  'pinned the dependency to the previous version',
] as const;

/** The same remedies, as runbook steps. */
export const MITIGATIONS = [
  'roll back the last deploy',
  'fail over to the secondary region',
  'restart the affected pods',
  'raise the connection pool limit',
  'disable the feature flag',
  'drain the unhealthy node pool',
  'purge the poisoned cache entries',
  'scale the worker fleet out',
  'shed low-priority traffic at the edge',
  'pause the batch job',
] as const;

export const FACTORS = {
  technical: [
    "Timeouts were longer than the caller's own deadline, so retries piled up.",
    'The health check did not exercise the database path.',
    'The canary received too little traffic to surface the regression.',
    "Connection pools were sized for last year's traffic.",
    'Alert thresholds were static and did not follow the daily peak.',
    'The rollback path had not been tested since the migration.',
  ],
  process: [
    'The change skipped the staged rollout because it was labelled a configuration change.',
    'The runbook described the previous architecture.',
    'Nobody owned the shared dependency, so its alerts went to an unmonitored channel.',
    'The on-call handover happened in the middle of the incident.',
  ],
  people: [
    'The responder on call was new to the service and had no shadow shift yet.',
    'Two teams worked the same hypothesis in parallel without knowing.',
    'The incident commander role was not assigned for the first half hour.',
  ],
  external: [
    'A cloud provider incident degraded the managed load balancers in one region.',
    'A payment provider throttled our traffic without notice.',
    'An upstream DNS provider had elevated resolution failures.',
  ],
} as const;

export const FOLLOW_UP_TITLES = [
  'Add a synthetic check that exercises the full request path',
  'Alert on connection pool saturation',
  'Make the rollback path part of the deploy pipeline',
  'Document the failover procedure in the runbook',
  'Lower client timeouts below the caller deadline',
  'Add a load test for the new query plan',
  'Automate certificate renewal and alert thirty days before expiry',
  'Introduce jittered exponential backoff in the client',
  'Route alerts of the shared dependency to its owning team',
  'Run a game day for regional failover',
  'Cap the batch job concurrency during business hours',
  'Review feature flag rollout defaults',
] as const;

export const CONCERN_TOPICS = [
  ['no-regional-failover', 'has no tested regional failover'],
  ['alert-fatigue', 'pages too often for non-actionable alerts'],
  ['missing-slos', 'has no SLOs covering its critical user journey'],
  ['manual-deploys', 'still deploys by hand'],
  ['shared-database', 'shares a database with unrelated services'],
  ['unowned-dependency', 'depends on a library nobody owns'],
  ['capacity-headroom', 'runs without capacity headroom at peak'],
  ['stale-runbooks', 'has runbooks that no longer match the system'],
  ['single-point-of-failure', 'is a single point of failure for checkout'],
  ['slow-rollbacks', 'takes over an hour to roll back'],
  ['no-load-shedding', 'has no load shedding under overload'],
  ['backup-restore-untested', 'has never had a backup restore tested'],
] as const;

const SUBJECTS = [
  'The on-call engineer',
  'The incident commander',
  'Our monitoring',
  'The team',
  'The database on-call',
  'A customer support agent',
  'The platform team',
  'The responder',
] as const;

/** Sentence templates; {s} service, {c} component, {m} metric, {x} cause, {a} action, {n} a number, {p} subject. */
const TEMPLATES = [
  '{p} noticed that {m} on {s} had risen well above its usual range.',
  'The first signal was a page for {s} when {m} crossed the alert threshold.',
  'Requests to {c} started failing for a subset of customers, mostly in one region.',
  'The underlying cause was {x}.',
  'We {a}, and {m} returned to normal within {n} minutes.',
  'Looking at the dashboards, {m} and request rate moved together, which pointed away from a traffic spike.',
  'Customers saw errors when loading pages that depend on {c}.',
  '{p} declared an incident and opened a channel for the response.',
  'At first we suspected the most recent deploy of {s}, but rolling it back did not help.',
  'The logs showed repeated connection resets between {s} and its database.',
  'Retries from clients amplified the load on {s} by roughly {n} times.',
  'Once we understood that the problem was {x}, the fix was straightforward.',
  'We kept customers informed through the status page while we worked on a fix.',
  'Error budget consumption for {s} over the incident was about {n} percent of the monthly budget.',
  'Nothing in the change review suggested that {s} would be affected.',
  'The team agreed that the detection gap matters more than the trigger itself.',
  'We verified the fix by watching {m} for {n} minutes before declaring the incident mitigated.',
  'Several internal dashboards were themselves slow, which made diagnosis harder.',
  'A similar pattern had been seen in a smaller incident a few months earlier.',
  'The runbook for {s} covered the symptom but not this particular cause.',
  'Traffic was shifted away from the unhealthy nodes and {c} recovered gradually.',
  'Support received around {n} tickets from affected customers during the incident.',
  'Dependencies of {s} were healthy throughout, which narrowed the search quickly.',
  'We confirmed that no data was lost and that delayed work was processed afterwards.',
] as const;

export interface SentenceContext {
  service: string;
  component: string;
}

/** One sentence from the templates, slots filled from the context and the generator. */
export function sentence(pick: <T>(items: readonly T[]) => T, int: (a: number, b: number) => number, ctx: SentenceContext): string {
  return pick(TEMPLATES).replace(/\{(\w)\}/g, (_, slot: string) => {
    switch (slot) {
      case 's':
        return ctx.service;
      case 'c':
        return ctx.component;
      case 'm':
        return pick(METRICS);
      case 'x':
        return pick(CAUSES);
      case 'a':
        return pick(ACTIONS);
      case 'n':
        return String(int(3, 45));
      default:
        return pick(SUBJECTS);
    }
  });
}
