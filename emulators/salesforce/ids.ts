/** Salesforce-shaped record ids: a 3-character key prefix, 12 characters, and the 3-character case checksum. */
export function to18(id15: string): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let flags = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charAt(chunk * 5 + i);
      if (c >= "A" && c <= "Z") flags += 1 << i;
    }
    suffix += alphabet.charAt(flags);
  }
  return id15 + suffix;
}

let counter = 0;
export function newId(prefix: string): string {
  counter++;
  const body = (Date.now().toString(36).slice(-6) + counter.toString(36).padStart(6, "0")).toUpperCase();
  return to18(`${prefix}${body.slice(-12).padStart(12, "0")}`);
}
