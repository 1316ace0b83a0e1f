// The replay baseline's provider: no API call, no package. create returns the outputs recorded for the resource
// in recorded.json beside the program (the provider process runs in the program's directory). bench/replay.ts
// installs it as a package, so that its state carries a require of it, as orgplane's does.
const path = require("node:path");

const recorded = () => require(path.join(process.cwd(), "recorded.json"));
const plain = (v) =>
  Array.isArray(v)
    ? v.map(plain)
    : v && typeof v === "object"
      ? "__secret" in v
        ? v.__secret
        : Object.fromEntries(Object.entries(v).map(([k, x]) => [k, plain(x)]))
      : v;

module.exports = {
  async create(inputs) {
    const r = recorded()[Number(inputs.replayKey)];
    return { id: r.id, outs: { ...plain(r.outputs), replayKey: r.key } };
  },
  async read(id, props) {
    return { id, props };
  },
  async delete() {},
};
