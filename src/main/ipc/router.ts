import { z } from 'zod';
import type { CommandSpec } from '../../shared/api/contract';
import { commands, ErrorCode, FerryError, type CommandName, type CommandResponse, type Commands, type Envelope } from '../../shared/api';
import { DriverError } from '../drivers/driver';

/** Who is calling: the audit trail's actor and the shell the call came through. */
export interface CallContext {
  actor: string;
  shell: 'electron' | 'browser';
}

export type Handlers = {
  [N in CommandName]: (request: z.output<Commands[N]['request']>, context: CallContext) => Promise<CommandResponse<N>> | CommandResponse<N>;
};

export interface Router {
  dispatch(name: unknown, payload: unknown, context: CallContext): Promise<Envelope<unknown>>;
}

// Only a string is shown: String() of an object can throw (a `toString` that is not a function).
const nameOf = (name: unknown): string => (typeof name === 'string' ? name.slice(0, 100) : `(a ${name === null ? 'null' : typeof name})`);

const isCommand = (name: unknown): name is CommandName => typeof name === 'string' && Object.hasOwn(commands, name);

/**
 * The one place where renderer input enters the main process: the command name must exist and the
 * payload must parse against its schema before any handler sees it.
 */
export function createRouter(
  handlers: Handlers,
  options: { checkResponses?: boolean; log?: (message: string, error: unknown) => void } = {},
): Router {
  return {
    async dispatch(name, payload, context) {
      if (!isCommand(name)) return failure(new FerryError('UNKNOWN_COMMAND', `no command named ${nameOf(name)}`));
      const spec: CommandSpec = commands[name];
      const parsed = safeParse(spec, payload);
      if (!parsed.success) {
        const issues = parsed.error.issues.slice(0, 20).map((issue) => ({ path: issue.path.join('.'), message: issue.message }));
        // A refusal with a code of its own (a password in a URI) is answered with that code and its words.
        const own = parsed.error.issues.map(codeOfIssue).find((found) => found !== null);
        if (own) return failure(new FerryError(own.code, own.message, { issues }));
        return failure(new FerryError('VALIDATION_FAILED', `invalid payload for ${name}`, { issues }));
      }
      try {
        const handler = handlers[name] as (request: unknown, context: CallContext) => unknown;
        const value = await handler(parsed.data, context);
        if (options.checkResponses) spec.response.parse(value);
        return { ok: true, value };
      } catch (error) {
        if (error instanceof FerryError) return failure(error);
        // A driver's code is already one of the contract's: it reaches the UI as it is.
        if (error instanceof DriverError) return failure(new FerryError(error.code, error.message, error.details));
        options.log?.(`command ${name} failed`, error);
        return failure(new FerryError('INTERNAL', 'internal error; see the main-process log'));
      }
    },
  };
}

/** The ErrorCode a schema's custom issue names in its params (`errorCode`), with its message; or null. */
function codeOfIssue(issue: {
  message: string;
  params?: Record<string, unknown> | undefined;
}): { code: ErrorCode; message: string } | null {
  const parsed = ErrorCode.safeParse(issue.params?.errorCode);
  return parsed.success ? { code: parsed.data, message: issue.message } : null;
}

/**
 * The schema's verdict. zod itself throws on some hostile values (an object whose `length` has no
 * primitive value, found by the fuzzer), which is a refusal like any other, not a crash of the call.
 */
function safeParse(spec: CommandSpec, payload: unknown): ReturnType<CommandSpec['request']['safeParse']> {
  try {
    return spec.request.safeParse(asJsonCarriesIt(payload, new Set()));
  } catch (error) {
    const message = error instanceof Error ? error.message : 'the schema could not read it';
    return { success: false, error: new z.ZodError([{ code: 'custom', path: [], message, input: payload }]) };
  }
}

/**
 * The payload as JSON would carry it: a key whose value is undefined is absent. The browser's JSON drops
 * such keys, Electron's structured clone keeps them, and a patch (`{ operatorName: undefined }`) must
 * mean the same through both shells, not a value to store (found by the fuzz bench). Shared or cyclic
 * objects (structured clone allows them) are left to the schema.
 */
function asJsonCarriesIt(value: unknown, seen: Set<object>): unknown {
  if (typeof value !== 'object' || value === null || seen.has(value)) return value;
  seen.add(value);
  if (Array.isArray(value)) return value.map((item) => asJsonCarriesIt(item, seen));
  if (Object.getPrototypeOf(value) !== Object.prototype) return value;
  const plain: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) if (item !== undefined) plain[key] = asJsonCarriesIt(item, seen);
  return plain;
}

const failure = (error: FerryError): Envelope<never> => ({ ok: false, error: error.toShape() });
