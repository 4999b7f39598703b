import { z } from 'zod';
import { CliError } from './cli-error';
import { MSG } from './messages';

/** Flag checks shared by the commands; each failure is a usage error (exit 2). */
export const requireFlag = (value: string | undefined, flag: string): string => {
  if (value === undefined) throw new CliError(MSG.required(flag), 2);
  const trimmed = value.trim();
  if (trimmed === '') throw new CliError(MSG.empty(flag), 2);
  return trimmed;
};

const emailSchema = z.email();
export const validEmail = (value: string): string => {
  const email = value.trim().toLowerCase();
  if (!emailSchema.safeParse(email).success) throw new CliError(MSG.invalidEmail(value), 2);
  return email;
};

export const SLUG_PATTERN = /^[a-z0-9]+(?:-[a-z0-9]+)*$/;
export const validSlug = (value: string): string => {
  if (value.length < 3 || value.length > 50 || !SLUG_PATTERN.test(value)) throw new CliError(MSG.invalidSlug(value), 2);
  return value;
};

export const isUuid = (value: string): boolean => z.uuid().safeParse(value).success;

export const validChoice = <T extends string>(value: string, flag: string, choices: readonly T[]): T => {
  if (!(choices as readonly string[]).includes(value)) throw new CliError(MSG.invalidChoice(flag, value, choices), 2);
  return value as T;
};
