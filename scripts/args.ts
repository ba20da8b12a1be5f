/**
 * Command-line options for every script: Node's parseArgs, with an unknown
 * option or a missing value turned into the usage message and exit code 2
 * (never a stack trace).
 */
import { parseArgs, type ParseArgsConfig } from 'node:util';

export function usageError(message: string, usage: string): never {
  console.error(`${message}\n\n${usage}`);
  process.exit(2);
}

export function parseOptions<const O extends NonNullable<ParseArgsConfig['options']>>(options: O, usage: string, allowPositionals = false) {
  try {
    return parseArgs({ options, allowPositionals, strict: true });
  } catch (error) {
    return usageError((error as Error).message, usage);
  }
}
