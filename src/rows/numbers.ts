/*
 * The kinds of number rows hold. They are plain numbers to TypeScript; the
 * annotations make the generated JSON Schemas say what the mappers ensure.
 */

/**
 * Epoch milliseconds, a duration in milliseconds, or epoch seconds.
 * @asType integer
 * @minimum 0
 */
export type Millis = number;

/**
 * A count: tokens, reviews, tool calls, items.
 * @asType integer
 * @minimum 0
 */
export type Count = number;

/**
 * A whole number that may be negative (an exit code).
 * @asType integer
 */
export type Integer = number;
