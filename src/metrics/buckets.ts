/*
 * Histogram bucket boundaries, in the instruments' units. docs/metrics.md
 * lists them per instrument.
 */
/** The GenAI conventions' boundaries for operation latencies, in seconds. */
export const GEN_AI_DURATION_BUCKETS = [
  0.01, 0.02, 0.04, 0.08, 0.16, 0.32, 0.64, 1.28, 2.56, 5.12, 10.24, 20.48, 40.96,
  81.92,
];
/** Reviews can wait on a person: the same doubling series up to ~22 min. */
export const REVIEW_DURATION_BUCKETS = [
  ...GEN_AI_DURATION_BUCKETS,
  163.84, 327.68, 655.36, 1310.72,
];
/** The GenAI conventions' boundaries for token counts. */
export const GEN_AI_TOKEN_BUCKETS = [
  1, 4, 16, 64, 256, 1024, 4096, 16384, 65536, 262144, 1048576, 4194304, 16777216,
  67108864,
];
