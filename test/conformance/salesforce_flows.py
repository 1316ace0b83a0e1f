"""simple-salesforce against the Salesforce emulator over https."""
import json
import time
from urllib.parse import urlparse

import requests
from check import LOOPBACK, Flows, expect, https_url
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from requests.adapters import HTTPAdapter
from simple_salesforce import Salesforce, SalesforceLogin
from simple_salesforce.exceptions import SalesforceAuthenticationFailed, SalesforceError

BASE = https_url("salesforce")
flows = Flows("simple-salesforce")
s = {}


class Loopback(HTTPAdapter):
    """simple-salesforce builds https://{domain}.salesforce.com for logins: send those to the emulator.
    Anything else that is not loopback is refused, so no request ever leaves the machine."""

    def send(self, request, **kwargs):
        url = urlparse(request.url)
        if url.hostname and url.hostname.endswith(".salesforce.com"):
            request.url = BASE + url.path + (f"?{url.query}" if url.query else "")
        if urlparse(request.url).hostname not in LOOPBACK:
            raise RuntimeError(f"refusing a request to {request.url}")
        return super().send(request, **kwargs)


def session():
    sess = requests.Session()
    sess.mount("https://", Loopback())
    sess.mount("http://", Loopback())
    return sess


def admin(path, body):
    response = requests.post(f"{BASE}/__emulator{path}", json=body, timeout=10)
    response.raise_for_status()
    return response.json()


def setup():
    stamp = int(time.time() * 1000)
    s["username"] = f"conformance{stamp}@sf.example"
    org = admin("/orgs", {"username": s["username"], "name": "Conformance Org"})
    client_id, secret, refresh = org["sfdxAuthUrl"][len("force://") :].split("@")[0].split(":")
    s.update(org=org["orgId"], user=org["userId"], client_id=client_id, client_secret=secret, refresh=refresh)
    s.update(password="Conformance-1", token="SECTOKEN1")
    admin("/salesforce/passwords", {"username": s["username"], "password": s["password"], "securityToken": s["token"]})
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    s["private_key"] = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = key.public_key().public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
    s.update(app="3MVG9conformance", app_secret="app-secret-1")
    admin(
        "/salesforce/connected-apps",
        {"clientId": s["app"], "clientSecret": s["app_secret"], "publicKeyPem": public.decode()},
    )


def check_session(sf):
    expect(sf.session_id.startswith(s["org"] + "!"), f"token shape {sf.session_id[:24]}")
    expect(sf.sf_instance == urlparse(BASE).netloc, f"instance {sf.sf_instance}")
    me = sf.query(f"SELECT Id, Username FROM User WHERE Id = '{s['user']}'")
    expect(me["records"][0]["Username"] == s["username"], f"user {me['records']}")


def oauth_refresh():
    form = {"grant_type": "refresh_token", "refresh_token": s["refresh"], "client_id": s["client_id"]}
    if s["client_secret"]:
        form["client_secret"] = s["client_secret"]
    token = session().post(f"{BASE}/services/oauth2/token", data=form, timeout=10).json()
    expect(token["instance_url"] == BASE, f"instance_url {token.get('instance_url')}")
    s["session_id"] = token["access_token"]


def session_login():
    sf = Salesforce(instance_url=s["instance_url"], session_id=s["session_id"])
    check_session(sf)
    s["sf"] = sf


def soap_login():
    sf = Salesforce(username=s["username"], password=s["password"], security_token=s["token"], session=session())
    check_session(sf)
    s["soap"] = sf


def oauth_login():
    sf = Salesforce(
        username=s["username"],
        password=s["password"] + s["token"],
        consumer_key=s["app"],
        consumer_secret=s["app_secret"],
        session=session(),
    )
    check_session(sf)


def jwt_login():
    sf = Salesforce(username=s["username"], consumer_key=s["app"], privatekey=s["private_key"], session=session())
    check_session(sf)


def query():
    sf = s["sf"]
    soql = "SELECT Id, Name FROM Profile ORDER BY Name"
    first = sf.query(soql)
    every = sf.query_all(soql)
    expect(first["totalSize"] > 1 and every["totalSize"] == first["totalSize"], f"{first['totalSize']}")
    expect({r["Name"] for r in every["records"]} >= {"System Administrator", "Standard User"}, "profiles")
    columns = sf.restful("query/", params={"q": "SELECT Id, Name, Profile.Name FROM User", "columns": "true"})
    names = [c["columnName"] for c in columns["columnMetadata"]]
    expect(names == ["Id", "Name", "Profile"], f"columns {names}")


def user_create():
    sf = s["sf"]
    profile = sf.query("SELECT Id FROM Profile WHERE Name = 'Standard User'")["records"][0]["Id"]
    stamp = int(time.time() * 1000)
    created = sf.User.create(
        {
            "Username": f"new{stamp}@sf.example",
            "LastName": "Newman",
            "Email": f"new{stamp}@sf.example",
            "Alias": "newman",
            "ProfileId": profile,
            "TimeZoneSidKey": "Europe/Paris",
            "LocaleSidKey": "en_US",
            "EmailEncodingKey": "UTF-8",
            "LanguageLocaleKey": "en_US",
        }
    )
    expect(created["success"] and created["id"].startswith("005"), f"create {created}")
    s["new_user"] = created["id"]


def user_get():
    fetched = s["sf"].User.get(s["user"])
    expect(fetched["Username"] == s["username"] and fetched["attributes"]["type"] == "User", "get")


def user_update():
    sf = s["sf"]
    status = sf.User.update(s["new_user"], {"Title": "Conformance", "IsActive": False})
    expect(status == 204, f"update status {status}")
    fetched = sf.User.get(s["new_user"])
    expect(fetched["Title"] == "Conformance" and fetched["IsActive"] is False, "updated fields")


def user_delete():
    # Salesforce never deletes users (deactivate instead): the client must surface the API's refusal.
    try:
        s["sf"].User.delete(s["new_user"])
        raise AssertionError("a User was deleted")
    except SalesforceError as error:
        expect(error.status == 405, f"status {error.status}")
        expect(error.content[0]["errorCode"] == "METHOD_NOT_ALLOWED", f"content {error.content}")
    expect(s["sf"].User.get(s["new_user"])["IsActive"] is False, "the user stays, deactivated")


def permission_set_assignment():
    sf = s["sf"]
    sets = sf.query("SELECT Id, Name FROM PermissionSet WHERE IsOwnedByProfile = false")["records"]
    expect(sets, "permission sets")
    created = sf.PermissionSetAssignment.create({"AssigneeId": s["user"], "PermissionSetId": sets[0]["Id"]})
    expect(created["success"], f"assignment {created}")
    found = sf.query(f"SELECT Id FROM PermissionSetAssignment WHERE Id = '{created['id']}'")
    expect(found["totalSize"] == 1, "assignment listed")
    # DELETE with Content-Type: application/json and no body, as simple-salesforce sends it.
    expect(sf.PermissionSetAssignment.delete(created["id"]) == 204, "assignment deleted")
    gone = sf.query(f"SELECT Id FROM PermissionSetAssignment WHERE Id = '{created['id']}'")
    expect(gone["totalSize"] == 0, "assignment gone")


def composite():
    body = {
        "allOrNone": False,
        "compositeRequest": [
            {"method": "GET", "url": f"/services/data/v59.0/sobjects/User/{s['user']}", "referenceId": "me"},
            {"method": "GET", "url": "/services/data/v59.0/query?q=SELECT+Id+FROM+Profile", "referenceId": "profiles"},
        ],
    }
    result = s["sf"].restful("composite", method="POST", data=json.dumps(body))
    statuses = [r["httpStatusCode"] for r in result["compositeResponse"]]
    expect(statuses == [200, 200], f"statuses {statuses}")
    expect(result["compositeResponse"][0]["body"]["Username"] == s["username"], "subrequest body")


def limits():
    daily = s["sf"].limits()["DailyApiRequests"]
    expect(daily["Max"] > 0 and 0 <= daily["Remaining"] < daily["Max"], f"limits {daily}")


def renewal():
    sf = s["soap"]
    before = sf.session_id
    requests.post(f"{BASE}/__emulator/expire-sessions", timeout=10).raise_for_status()
    # simple-salesforce logs in again on a 401 and retries.
    check_session(sf)
    expect(sf.session_id != before, "a new session")


def bad_password():
    try:
        SalesforceLogin(username=s["username"], password="wrong", security_token=s["token"], session=session())
        raise AssertionError("logged in with a wrong password")
    except SalesforceAuthenticationFailed as error:
        expect(error.code == "INVALID_LOGIN", f"code {error.code}")


s["instance_url"] = BASE
setup()
for op, fn in [
    ("OAuth refresh token grant", oauth_refresh),
    ("session login (instance_url + session_id)", session_login),
    ("password login (SOAP)", soap_login),
    ("password login (OAuth)", oauth_login),
    ("JWT login", jwt_login),
    ("query and query_all", query),
    ("User create", user_create),
    ("User get", user_get),
    ("User update", user_update),
    ("User delete", user_delete),
    ("PermissionSetAssignment", permission_set_assignment),
    ("composite", composite),
    ("limits", limits),
    ("session renewal on 401", renewal),
    ("bad password: SOAP LoginFault", bad_password),
]:
    flows.run(op, fn)
flows.done()
