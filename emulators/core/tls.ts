import { createHash, generateKeyPairSync, KeyObject, randomBytes, sign, X509Certificate } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { rootCertificates } from "node:tls";

/** A certificate authority made at start and a server certificate it signed for 127.0.0.1 and localhost. */
export interface EmulatorTls {
  key: string;
  cert: string;
  /** The CA alone: for NODE_EXTRA_CA_CERTS, which adds to Node's own roots. */
  caFile: string;
  /** The CA and Node's public roots: for REQUESTS_CA_BUNDLE, which replaces Python's roots. */
  bundleFile: string;
}

// Minimal DER (X.690) encoding, enough for two X.509 v3 certificates.
const der = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len =
    n < 128 ? Buffer.from([n]) : n < 256 ? Buffer.from([0x81, n]) : Buffer.from([0x82, n >> 8, n & 255]);
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...items: Buffer[]) => der(0x30, Buffer.concat(items));
const set = (...items: Buffer[]) => der(0x31, Buffer.concat(items));
const ctx = (n: number, body: Buffer) => der(0xa0 + n, body);
const octets = (body: Buffer) => der(0x04, body);
const bool = (value: boolean) => der(0x01, Buffer.from([value ? 0xff : 0]));
const utf8 = (text: string) => der(0x0c, Buffer.from(text));
const integer = (bytes: Buffer) =>
  der(0x02, bytes[0] & 0x80 ? Buffer.concat([Buffer.from([0]), bytes]) : bytes);
const bits = (body: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), body]));
/** A one-byte named BIT STRING (keyUsage): DER drops its trailing zero bits. */
const flags = (byte: number) => {
  let unused = 0;
  while (unused < 7 && !(byte & (1 << unused))) unused++;
  return der(0x03, Buffer.from([unused, byte]));
};
const oid = (dotted: string) => {
  const [a, b, ...rest] = dotted.split(".").map(Number);
  const out = [a * 40 + b];
  for (const n of rest) {
    const chunk = [n & 127];
    for (let v = n >> 7; v > 0; v >>= 7) chunk.unshift((v & 127) | 128);
    out.push(...chunk);
  }
  return der(0x06, Buffer.from(out));
};
const time = (date: Date) =>
  der(
    0x17,
    Buffer.from(
      date
        .toISOString()
        .replace(/[-:T]|\.\d+/g, "")
        .slice(2),
    ),
  );
const name = (cn: string) =>
  seq(set(seq(oid("2.5.4.3"), utf8(cn))), set(seq(oid("2.5.4.10"), utf8("orgplane"))));
const ext = (id: string, critical: boolean, value: Buffer) =>
  seq(oid(id), ...(critical ? [bool(true)] : []), octets(value));
const ECDSA_SHA256 = seq(oid("1.2.840.10045.4.3.2"));

interface CertSpec {
  subject: string;
  issuer: string;
  publicKey: KeyObject;
  signer: KeyObject;
  authorityKeyId: Buffer;
  extensions: Buffer[];
}

/** A positive 16-byte serial whose DER is minimal: first byte 0x01..0x7f (a leading 0x00 is illegal padding). */
const serial = () => {
  const bytes = randomBytes(16);
  bytes[0] = (bytes[0] & 0x7f) | 0x01;
  return bytes;
};

const keyId = (key: KeyObject) =>
  createHash("sha1")
    .update(key.export({ type: "spki", format: "der" }))
    .digest()
    .subarray(0, 20);

function certificate(spec: CertSpec): string {
  const now = Date.now();
  const tbs = seq(
    ctx(0, integer(Buffer.from([2]))),
    integer(serial()),
    ECDSA_SHA256,
    name(spec.issuer),
    seq(time(new Date(now - 3600_000)), time(new Date(now + 825 * 86400_000))),
    name(spec.subject),
    spec.publicKey.export({ type: "spki", format: "der" }),
    ctx(
      3,
      seq(
        ...spec.extensions,
        ext("2.5.29.14", false, octets(keyId(spec.publicKey))),
        ext("2.5.29.35", false, seq(der(0x80, spec.authorityKeyId))),
      ),
    ),
  );
  const signature = sign("sha256", tbs, spec.signer);
  const body = seq(tbs, ECDSA_SHA256, bits(signature)).toString("base64");
  return `-----BEGIN CERTIFICATE-----\n${body.match(/.{1,64}/g)!.join("\n")}\n-----END CERTIFICATE-----\n`;
}

/** A CA and a server certificate it signed, checked by parsing them back. Exported for tests. */
export function makeCertificates() {
  const ec = () => generateKeyPairSync("ec", { namedCurve: "prime256v1" });
  const ca = ec();
  const leaf = ec();
  const caId = keyId(ca.publicKey);
  // keyUsage: keyCertSign+cRLSign for the CA, digitalSignature for the server.
  const caCert = certificate({
    subject: "orgplane emulators CA",
    issuer: "orgplane emulators CA",
    publicKey: ca.publicKey,
    signer: ca.privateKey,
    authorityKeyId: caId,
    extensions: [ext("2.5.29.19", true, seq(bool(true))), ext("2.5.29.15", true, flags(0x06))],
  });
  const serverCert = certificate({
    subject: "localhost",
    issuer: "orgplane emulators CA",
    publicKey: leaf.publicKey,
    signer: ca.privateKey,
    authorityKeyId: caId,
    extensions: [
      ext("2.5.29.19", true, seq()),
      ext("2.5.29.15", true, flags(0x80)),
      ext("2.5.29.37", false, seq(oid("1.3.6.1.5.5.7.3.1"))),
      ext(
        "2.5.29.17",
        false,
        seq(der(0x82, Buffer.from("localhost")), der(0x87, Buffer.from([127, 0, 0, 1]))),
      ),
    ],
  });
  if (!new X509Certificate(serverCert).verify(new X509Certificate(caCert).publicKey)) {
    throw new Error("emulator TLS: the server certificate does not verify against its CA");
  }
  const key = leaf.privateKey.export({ type: "pkcs8", format: "pem" }).toString();
  return { key, caCert, serverCert };
}

function makeTls(dir: string): EmulatorTls {
  const { key, caCert, serverCert } = makeCertificates();
  mkdirSync(dir, { recursive: true });
  const caFile = join(dir, "ca.pem");
  const bundleFile = join(dir, "ca-bundle.pem");
  writeFileSync(caFile, caCert);
  writeFileSync(bundleFile, [caCert, ...rootCertificates].join("\n"));
  return { key, cert: serverCert + caCert, caFile, bundleFile };
}

let shared: EmulatorTls | undefined;

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === "EPERM";
  }
};

/** A temporary directory named after this process; those of processes that are gone are removed. */
function temporaryDir(): string {
  for (const entry of readdirSync(tmpdir())) {
    const pid = /^orgplane-tls-(\d+)-/.exec(entry)?.[1];
    if (pid && !alive(Number(pid))) rmSync(join(tmpdir(), entry), { recursive: true, force: true });
  }
  const dir = mkdtempSync(join(tmpdir(), `orgplane-tls-${process.pid}-`));
  process.once("exit", () => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

/** One CA per process, written to ORGPLANE_EMULATOR_TLS_DIR or a temporary directory. */
export function emulatorTls(): EmulatorTls {
  shared ??= makeTls(process.env.ORGPLANE_EMULATOR_TLS_DIR || temporaryDir());
  return shared;
}
