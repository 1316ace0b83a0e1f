"""cvpysdk (Commvault's own SDK) against the Commvault emulator over https."""
import os
from urllib.parse import urlparse

from check import Flows, expect, https_url
from cvpysdk.commcell import Commcell

host = urlparse(https_url("commvault")).netloc
flows = Flows("cvpysdk")
cc = {}
ACCESS_NODE = "cv-access-01"
NAME = "conformance-sf-org"


def login():
    # force_https: no http fallback; the CA comes from REQUESTS_CA_BUNDLE, as a user would set it.
    cc["c"] = Commcell(host, os.environ["COMMVAULT_USERNAME"], os.environ["COMMVAULT_PASSWORD"], force_https=True)
    expect(cc["c"].auth_token.startswith("QSDK "), f"token {cc['c'].auth_token!r}")
    expect(cc["c"].commcell_username == os.environ["COMMVAULT_USERNAME"], "user name")


def token_login():
    # A second Commcell from the first one's token: cvpysdk checks it with POST /WhoAmI.
    other = Commcell(host, authtoken=cc["c"].auth_token, force_https=True)
    expect(other.commcell_username == os.environ["COMMVAULT_USERNAME"], f"who am I: {other.commcell_username}")


def clients():
    all_clients = cc["c"].clients.all_clients
    expect(ACCESS_NODE in all_clients, f"{ACCESS_NODE} not in {sorted(all_clients)}")
    client = cc["c"].clients.get(ACCESS_NODE)
    expect(client.client_name == ACCESS_NODE, client.client_name)
    expect(int(client.client_id) == 101, client.client_id)
    expect(client.client_hostname == f"{ACCESS_NODE}.cv.local", client.client_hostname)
    expect(client.is_backup_enabled, "backup activity enabled")
    expect(client.os_info, "os info")


def plans():
    all_plans = cc["c"].plans.all_plans
    expect("salesforce gold" in all_plans, f"plans {all_plans}")
    expect(int(all_plans["salesforce gold"]) == 11, all_plans)


def client_groups():
    groups = cc["c"].client_groups.all_clientgroups
    expect(groups.get("sf-access-pool") == "201", f"groups {groups}")
    expect(cc["c"].client_groups.has_clientgroup("linux-proxies"), "has_clientgroup")


def organizations():
    orgs = cc["c"].organizations.all_organizations
    expect(str(orgs.get("acme corp")) == "7", f"organizations {orgs}")


def add_salesforce_client():
    options = {
        "login_url": "https://login.salesforce.com",
        "consumer_id": "3MVG9-conformance",
        "consumer_secret": "consumer-secret",
        "salesforce_user_name": "backup@acme.example",
        "salesforce_user_password": "sf-password",
        "salesforce_user_token": "sf-token",
    }
    # cvpysdk 11.44 does not return the new client: read it back.
    cc["c"].clients.add_salesforce_client(NAME, ACCESS_NODE, options, download_cache_path="/var/cache/sf")
    expect(cc["c"].clients.has_client(NAME), "listed after create")
    client = cc["c"].clients.get(NAME)
    expect(client.client_name == NAME and int(client.client_id) > 1000, f"created {client.client_id}")


def salesforce_instance_and_backupset():
    client = cc["c"].clients.get(NAME)
    agent = client.agents.get("cloud apps")
    instance = agent.instances.get(NAME)
    expect(int(instance.instance_id) > 0, instance.instance_id)
    expect(type(instance).__name__ == "SalesforceInstance", type(instance).__name__)
    expect(instance.ca_instance_type == "SALESFORCE", f"instance type {instance.ca_instance_type}")
    expect(instance.consumer_id == "3MVG9-conformance", instance.consumer_id)
    expect(instance.proxy_client == ACCESS_NODE, instance.proxy_client)
    backupset = instance.backupsets.get("defaultbackupset")
    expect(backupset.is_default_backupset, "default backup set")
    expect(backupset.download_cache_path == "/var/cache/sf", backupset.download_cache_path)
    expect(backupset.salesforce_user_name == "backup@acme.example", backupset.salesforce_user_name)
    expect("default" in backupset.subclients.all_subclients, backupset.subclients.all_subclients)


def token_renewal():
    before = cc["c"].auth_token
    # Expire every login session; the next call gets 401 and cvpysdk renews the token, then retries.
    import requests

    requests.post(https_url("commvault") + "/__emulator/expire-sessions", timeout=5)
    cc["c"].clients.refresh()
    expect(ACCESS_NODE in cc["c"].clients.all_clients, "clients after renewal")
    expect(cc["c"].auth_token != before, "a new token")


def logout():
    message = cc["c"].logout()
    expect(message == "User logged out", f"logout answered {message!r}")


for op, fn in [
    ("login", login),
    ("token login (WhoAmI)", token_login),
    ("clients and clients.get", clients),
    ("plans", plans),
    ("client groups", client_groups),
    ("organizations", organizations),
    ("add_salesforce_client", add_salesforce_client),
    ("Salesforce instance and backup set", salesforce_instance_and_backupset),
    ("token renewal on 401", token_renewal),
    ("logout", logout),
]:
    flows.run(op, fn)
flows.done()
