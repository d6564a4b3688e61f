import { type z } from 'zod';

/** A command is a request schema and a response schema; its name is its key in the command map. */
export interface CommandSpec<Req extends z.ZodType = z.ZodType, Res extends z.ZodType = z.ZodType> {
  request: Req;
  response: Res;
}

export const command = <Req extends z.ZodType, Res extends z.ZodType>(request: Req, response: Res): CommandSpec<Req, Res> => ({
  request,
  response,
});
