// A hand-written dynamic provider for Commvault Salesforce organizations, written the way programs commonly do
// it today: each call logs in again and the provider is serialized by value into each resource's state.
const pulumi = require("@pulumi/pulumi");
const axios = require("axios");

const b64 = (s) => Buffer.from(s, "utf8").toString("base64");

/** POST /Login with the admin's credentials; returns a client that sends the new token. */
async function login() {
  const base = process.env.COMMVAULT_URL;
  const { data } = await axios.post(`${base}/Login`, {
    username: process.env.COMMVAULT_USERNAME,
    password: b64(process.env.COMMVAULT_PASSWORD),
  });
  if (!data.token) throw new Error(`commvault login failed: ${JSON.stringify(data)}`);
  return axios.create({ baseURL: base, headers: { authtoken: data.token } });
}

function account(a) {
  return {
    environmentType: a.environment === "sandbox" ? 1 : 0,
    authenticationType: a.authentication === "oauth" ? 1 : 2,
    userCredentials: { userName: a.userName, password: b64(a.password) },
    consumerId: a.consumerId,
    consumerSecret: b64(a.consumerSecret),
    endpoint: a.environment === "sandbox" ? "https://test.salesforce.com" : "https://login.salesforce.com",
  };
}

const organizationProvider = {
  async create(inputs) {
    let api = await login();
    const plans = await api.get(`/Plan?fq=${encodeURIComponent(`name:eq:${inputs.plan.planName}`)}`);
    const plan = plans.data.plans.find((p) => p.plan.planName === inputs.plan.planName).plan;
    const { data } = await api.post("/Salesforce/Organization", {
      organizationName: inputs.organizationName,
      plan: { planId: plan.planId, planName: plan.planName, entityInfo: { companyId: 0 } },
      salesforceAccount: account(inputs.salesforceAccount),
      downloadCachePath: inputs.downloadCachePath,
    });
    const clientId = data.response.entity.clientId;
    api = await login();
    const backupset = (await api.get(`/Backupset?clientId=${clientId}`)).data.backupsetProperties[0];
    const { instanceId, backupsetId } = backupset.backupSetEntity;
    return { id: String(clientId), outs: { ...inputs, clientId, instanceId, backupsetId, planId: plan.planId } };
  },
  async read(id, props) {
    const api = await login();
    const res = await api.get(`/Instance?clientId=${id}`, { validateStatus: (s) => s === 200 || s === 404 });
    if (res.status === 404) return {};
    return { id, props: { ...props, clientName: res.data.instanceProperties[0].instance.clientName } };
  },
  async update(id, olds, news) {
    const api = await login();
    await api.post(`/Salesforce/Organization/${id}?instanceId=${olds.instanceId}&backupsetId=${olds.backupsetId}`, {
      salesforceAccount: account(news.salesforceAccount),
      downloadCachePath: news.downloadCachePath,
      noOfBackupStreams: news.backupStreams,
    });
    return { outs: { ...olds, ...news } };
  },
  async delete(id) {
    const api = await login();
    await api.delete(`/Client/${id}/Retire`, { validateStatus: (s) => s === 200 || s === 404 });
  },
};

class Organization extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(organizationProvider, name, { ...args, clientId: undefined }, opts);
  }
}

module.exports = { Organization };
