import { z } from "zod";
import { OrgplaneError } from "./errors";
import { registerSecrets } from "./redact";

/** Maps a connection field to the environment variable it falls back to. */
export type EnvFallback = Record<string, string>;

/**
 * The credentials for a call, resolved when the call is made: the resource's `connection` input, else the
 * environment. So delete and refresh work without the program, and rotated tokens are picked up.
 */
export function resolveConnection<C>(
  backend: string,
  schema: z.ZodType<C>,
  input: unknown,
  env: EnvFallback,
): C {
  const source =
    input !== undefined && input !== null
      ? input
      : Object.fromEntries(
          Object.entries(env)
            .map(([fieldName, variable]) => [fieldName, process.env[variable]] as const)
            .filter(([, value]) => value !== undefined && value !== ""),
        );
  registerSecrets(source);
  const parsed = schema.safeParse(source);
  if (parsed.success) return parsed.data;
  const where = input !== undefined && input !== null ? "the `connection` input" : "the environment";
  const fromEnv = where === "the environment";
  const problems = parsed.error.issues
    .map((i) => {
      const fieldName = i.path.join(".");
      const variable = env[fieldName];
      if (fromEnv && variable && process.env[variable] === "") return `${variable} is empty`;
      const empty = Object.values(env).filter((v) => process.env[v] === "");
      if (fromEnv && !fieldName && empty.length > 0)
        return `${i.message} (${empty.map((v) => `${v} is empty`).join(", ")})`;
      return `${fieldName || "connection"}${variable && fromEnv ? ` (${variable})` : ""}: ${i.message}`;
    })
    .join("; ");
  throw new OrgplaneError(
    `${backend}: no usable connection in ${where} (${problems}). Set the resource's \`connection\` input or ` +
      `the environment variables ${Object.values(env).join(", ")}.`,
  );
}
