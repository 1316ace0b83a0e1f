// A hand-written dynamic provider for BioT organizations, written the way programs commonly do it today: each
// call gets a new service access token and the provider is serialized by value into each resource's state.
const pulumi = require("@pulumi/pulumi");
const axios = require("axios");

const ORGS = "/organization/v1/organizations";

/** POST /ums/v2/services/accessToken with the service user's id and secret. */
async function login() {
  const base = process.env.BIOT_URL;
  const { data } = await axios.post(`${base}/ums/v2/services/accessToken`, {
    id: process.env.BIOT_SERVICE_ID,
    secretKey: process.env.BIOT_SERVICE_SECRET_KEY,
  });
  return axios.create({
    baseURL: base,
    headers: { authorization: `Bearer ${data.accessToken}`, "x-execution-mode": "sync" },
  });
}

function body(inputs) {
  const admin = inputs.primaryAdministrator;
  return {
    _name: inputs.name,
    _description: inputs.description,
    _timezone: inputs.timezone,
    _locale: inputs.locale,
    _primaryAdministrator: { _name: admin.name, _email: admin.email, _mfa: admin.mfa },
  };
}

const organizationProvider = {
  async create(inputs) {
    const api = await login();
    const { data } = await api.post(`${ORGS}/templates/${encodeURIComponent(inputs.templateName)}`, body(inputs));
    return { id: data._id, outs: { ...inputs, organizationId: data._id } };
  },
  async read(id, props) {
    const api = await login();
    const res = await api.get(`${ORGS}/${id}`, { validateStatus: (s) => s === 200 || s === 404 });
    if (res.status === 404) return {};
    return { id, props: { ...props, description: res.data._description } };
  },
  async update(id, _olds, news) {
    const api = await login();
    await api.patch(`${ORGS}/${id}`, { _description: news.description });
    return { outs: { ...news, organizationId: id } };
  },
  async delete(id) {
    const api = await login();
    await api.delete(`${ORGS}/${id}`, { validateStatus: (s) => s < 300 || s === 404 });
  },
};

class Organization extends pulumi.dynamic.Resource {
  constructor(name, args, opts) {
    super(organizationProvider, name, { ...args, organizationId: undefined }, opts);
  }
}

module.exports = { Organization };
