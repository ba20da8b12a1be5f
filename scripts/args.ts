/**
 * Command-line options for every script: Node's parseArgs, with an unknown
 * option or a missing value turned into the usage message and exit code 2
 * (never a stack trace).
 */
import { existsSync, statSync } from 'node:fs';
import { join } from 'node:path';
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

/** A project folder with nothing to read is a mistake, not a clean tree: usage error. */
export function requireContentFolder(root: string, usage: string, message = `There is no content/ folder in ${root}: nothing to check.`): void {
  const dir = join(root, 'content');
  if (!existsSync(dir) || !statSync(dir).isDirectory()) usageError(message, usage);
}
