// The naive providers, under the same namespaces as orgplane's, so a kind fixture's declaration runs on either.
module.exports = { sfp: require("./sfp"), commvault: require("./commvault"), biot: require("./biot") };
