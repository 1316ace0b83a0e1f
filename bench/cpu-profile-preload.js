// Loaded with NODE_OPTIONS=--require (Node 20 refuses --cpu-prof there): profiles this process from its start
// and writes <ORGPLANE_PROFILE_DIR>/<pid>.cpuprofile when it exits or is interrupted (bench/profile.ts).
const inspector = require("node:inspector");
const fs = require("node:fs");
const path = require("node:path");

const dir = process.env.ORGPLANE_PROFILE_DIR;
const session = new inspector.Session();
session.connect();
session.post("Profiler.enable");
session.post("Profiler.setSamplingInterval", { interval: 500 });
session.post("Profiler.start");
let written = false;
function write() {
  if (written) return;
  written = true;
  session.post("Profiler.stop", (err, result) => {
    if (err || !dir) return;
    fs.mkdirSync(dir, { recursive: true });
    fs.writeFileSync(path.join(dir, `${process.pid}.cpuprofile`), JSON.stringify(result.profile));
  });
}
process.on("exit", write);
for (const signal of ["SIGINT", "SIGTERM"]) {
  process.on(signal, () => {
    write();
    process.exit(0);
  });
}
