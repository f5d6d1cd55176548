/* Parsers for commander options that take a whole number. */
import { InvalidArgumentError } from 'commander';

function integerAtLeast(min: number, expected: string) {
  return (value: string): number => {
    const parsed = Number(value);
    if (value.trim() === '' || !Number.isSafeInteger(parsed) || parsed < min) throw new InvalidArgumentError(`expected ${expected}`);
    return parsed;
  };
}

export const positiveInteger = integerAtLeast(1, 'a positive integer');
export const nonNegativeInteger = integerAtLeast(0, 'a whole number, 0 or more');
