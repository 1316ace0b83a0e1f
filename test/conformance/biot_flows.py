"""BioT's own SDKs (biotmed-organization-sdk, biotmed-ums-sdk) against the BioT emulator over https."""
import os
import time

import biotmed_organization_sdk as org_sdk
import biotmed_ums_sdk as ums_sdk
from check import Flows, expect, https_url

BASE = https_url("biot")
# The generated clients use urllib3, not requests: they take the CA file as ssl_ca_cert.
CA = os.environ["REQUESTS_CA_BUNDLE"]
flows = Flows("biotmed SDKs")
s = {}


def ums():
    return ums_sdk.ApiClient(ums_sdk.Configuration(host=f"{BASE}/ums", ssl_ca_cert=CA))


def organizations():
    # access_token may be a callable: the SDK asks it before each call, so a refresh is picked up.
    config = org_sdk.Configuration(host=BASE, ssl_ca_cert=CA, access_token=lambda: s["access"])
    return org_sdk.OrganizationAPIApi(org_sdk.ApiClient(config))


def health_checks():
    with ums() as client:
        expect(ums_sdk.HealthCheckAPIApi(client).health_check() is not None, "ums health")
    config = org_sdk.Configuration(host=BASE, ssl_ca_cert=CA)
    with org_sdk.ApiClient(config) as client:
        expect(org_sdk.HealthCheckAPIApi(client).health_check() is not None, "organization health")


def login():
    request = ums_sdk.LoginRequestV2(username=os.environ["ORGPLANE_BIOT_USERNAME"], password=os.environ["ORGPLANE_BIOT_PASSWORD"])
    with ums() as client:
        response = ums_sdk.LoginAPIApi(client).login(request)
    expect(response.access_jwt.token and response.refresh_jwt.token, "tokens")
    expect(response.owner_organization_id, "owner organization")
    s.update(access=response.access_jwt.token, refresh=response.refresh_jwt.token, user=response.user_id)


def refresh():
    with ums() as client:
        response = ums_sdk.LoginAPIApi(client).refresh_token(ums_sdk.RefreshTokenRequest(refreshToken=s["refresh"]))
    expect(response.access_jwt.token != s["access"], "a new access token")
    s.update(access=response.access_jwt.token, refresh=response.refresh_jwt.token)


def branding_self():
    branding = organizations().get_branding_for_current_organization()
    expect(branding.logo is None and branding.theme is None, f"branding {branding}")


def create(name, mode="sync"):
    admin = org_sdk.OrganizationAdminUserRequest(
        _name=org_sdk.Name(firstName="Ada", lastName="Admin"),
        _email=f"ada+{int(time.time() * 1000)}@clinic.example",
    )
    request = org_sdk.CreateOrganizationByTemplateNameRequest(
        _name=name, _primaryAdministrator=admin, _timezone="Europe/Oslo"
    )
    return organizations().create_organization_by_template_name(request, "Organization", x_execution_mode=mode)


def create_by_template():
    created = create("Conformance Clinic")
    expect(created.name == "Conformance Clinic" and created.id, f"created {created.id}")
    expect("Ada" in created.primary_administrator.name, f"admin {created.primary_administrator.name}")
    s["org"] = str(created.id)
    s["org2"] = str(create("Conformance Annex", "async").id)


def search():
    request = org_sdk.SearchRequestV2(filter={"_name": {"eq": "Conformance Clinic"}}, limit=10)
    found = organizations().search_organizations(search_request=request)
    expect([str(o.id) for o in found.data] == [s["org"]], f"search found {[o.id for o in found.data]}")


def get():
    fetched = organizations().get_organization(s["org"], include_referencers=True)
    expect(fetched.name == "Conformance Clinic" and fetched.timezone == "Europe/Oslo", f"{fetched.name}")
    expect(fetched.referencers is not None, "includeReferencers=true returns _referencers")


def update():
    request = org_sdk.UpdateOrganizationRequest(_description="updated by the SDK", _phone="+12345678901")
    updated = organizations().update_organization(request, s["org"])
    expect(updated.description == "updated by the SDK" and updated.phone == "+12345678901", "patched fields")


def change_admin():
    deputy = os.environ["BIOT_DEPUTY_ADMIN_ID"]
    # Acts on the caller's own organization: the deputy (an OrganizationAdmin user there) takes over.
    changed = organizations().change_organization_admin(deputy)
    expect(str(changed.primary_administrator.id) == deputy, "the deputy is admin")
    expect(str(changed.id) != s["org"], "the caller's organization, not the new one")


def gone(org_id):
    try:
        organizations().get_organization(org_id)
        return False
    except org_sdk.ApiException as error:
        expect(error.status == 404, f"get after delete: {error.status}")
        return True


def delete():
    api = organizations()
    api.delete_organization(s["org"], x_execution_mode="sync")
    expect(gone(s["org"]), "gone after a sync delete")
    # An async delete finishes in the background: the organization goes away soon after.
    api.delete_organization(s["org2"], x_execution_mode="async")
    deadline = time.time() + 5
    while not gone(s["org2"]):
        expect(time.time() < deadline, "still there 5 s after an async delete")
        time.sleep(0.05)


def logout():
    with ums() as client:
        ums_sdk.LoginAPIApi(client).logout(ums_sdk.LogoutRequest(refreshToken=s["refresh"]))
        try:
            ums_sdk.LoginAPIApi(client).refresh_token(ums_sdk.RefreshTokenRequest(refreshToken=s["refresh"]))
            raise AssertionError("the refresh token still works after logout")
        except ums_sdk.ApiException as error:
            expect(error.status == 403, f"refresh after logout: {error.status}")


for op, fn in [
    ("health checks", health_checks),
    ("login", login),
    ("refresh", refresh),
    ("branding of own organization", branding_self),
    ("create by template", create_by_template),
    ("search", search),
    ("get (includeReferencers)", get),
    ("update", update),
    ("change admin", change_admin),
    ("delete (sync and async)", delete),
    ("logout", logout),
]:
    flows.run(op, fn)
flows.done()
