// A hand-written dynamic provider for sfp org registrations, the way programs commonly write one today: each
// call logs in again, nothing is shared between calls, and the provider object with every helper it uses is
// serialized by value into each resource's state. Kept deliberately naive as the benchmark's point of comparison.
const pulumi = require("@pulumi/pulumi");
const axios = require("axios");

const REGISTRY = "/sfp/api/auth/salesforce";

/** Logs in with the owner's email and password and returns a client that carries the new token. */
async function login() {
  const server = process.env.SFP_SERVER_URL;
  const { data } = await axios.post(`${server}/sfp/api/auth/admin/login`, {
    email: process.env.SFP_ADMIN_EMAIL,
    password: process.env.SFP_ADMIN_PASSWORD,
  });
  if (!data.success) throw new Error(`sfp login failed: ${data.error}`);
  return axios.create({
    baseURL: `${server}${REGISTRY}`,
    headers: { authorization: `Bearer ${data.access_token}` },
  });
}

function registerBody(inputs) {
  return {
    sfdxAuthUrl: inputs.sfdxAuthUrl,
    username: inputs.username,
    instanceUrl: inputs.instanceUrl,
    isDevHub: inputs.isDevHub === true,
    isDefault: inputs.isDefault === true,
    metadata: inputs.metadata || {},
  };
}

function outputs(org) {
  return {
    username: org.username,
    instanceUrl: org.instanceUrl,
    orgId: org.orgId,
    organizationType: org.organizationType,
    instanceName: org.instanceName,
  };
}

const inputKeys = ["sfdxAuthUrl", "username", "instanceUrl", "isDevHub", "isDefault", "metadata"];

const registrationProvider = {
  async diff(_id, olds, news) {
    const changed = inputKeys.filter((k) => JSON.stringify(olds[k]) !== JSON.stringify(news[k]));
    const replaces = changed.filter((k) => k === "username");
    return { changes: changed.length > 0, replaces };
  },
  async create(inputs) {
    const api = await login();
    const { data } = await api.post("/register", registerBody(inputs));
    return { id: data.username, outs: { ...inputs, ...outputs(data) } };
  },
  async read(id, props) {
    const api = await login();
    const res = await api.get("/org", { params: { username: id }, validateStatus: (s) => s === 200 || s === 404 });
    if (res.status === 404) return {};
    return { id, props: { ...props, ...outputs(res.data) } };
  },
  async update(_id, _olds, news) {
    const api = await login();
    const { data } = await api.post("/register", registerBody(news));
    return { outs: { ...news, ...outputs(data) } };
  },
  async delete(id) {
    const api = await login();
    await api.delete("/org", { params: { username: id }, validateStatus: (s) => s === 200 || s === 404 });
  },
};

class SalesforceOrgRegistration extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    const props = { ...args, orgId: undefined, organizationType: undefined, instanceName: undefined };
    super(registrationProvider, name, props, opts);
  }
}

module.exports = { SalesforceOrgRegistration };
