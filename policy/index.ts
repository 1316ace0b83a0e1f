/** The pack entry that `pulumi preview --policy-pack <orgplane>/policy` runs. Tests never import it. */
import { PolicyPack } from "@pulumi/policy";
import { orgplanePolicies } from "./policies";

new PolicyPack("orgplane", { policies: orgplanePolicies() });
