import * as fs from "node:fs";
import * as path from "node:path";

/** The example message policy/README.md gives for each policy (its "Messages" section), by policy name. */
export function documentedMessages(): Record<string, string> {
  const readme = fs.readFileSync(path.resolve(__dirname, "../policy/README.md"), "utf8");
  const section = readme.split("## Messages")[1]?.split("\n## ")[0] ?? "";
  const messages: Record<string, string> = {};
  for (const match of section.matchAll(/^- `([a-z0-9-]+)`: `([^`]+)`$/gm)) messages[match[1]] = match[2];
  return messages;
}
