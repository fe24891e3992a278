/** Ends every switch over a message union: a new, unhandled variant fails the type check. */
export function assertNever(x: never): never {
  throw new Error(`unexpected message: ${JSON.stringify(x)}`);
}
