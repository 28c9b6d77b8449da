"""The column names CRM exports use, so ``dossier changes`` reads them without a mapping.

Headers match as the contact sheet's do: case, spacing and punctuation are ignored
(``"Contact owner"`` = ``"CONTACT_OWNER"`` = ``"contactowner"``). The first alias is the name
shown in messages. Where the names come from (docs/crm.md cites the pages):

- HubSpot contact exports: Record ID, First Name, Last Name, Email, Company Name, Job Title,
  Contact owner, Create Date, Last Modified Date, Industry, Number of Employees;
- Salesforce contact reports and Data Loader exports: Contact ID (Id), First Name, Last Name,
  Email, Account Name, Title, Contact Owner (Owner Name), Created Date, Last Modified Date,
  Industry, Employees (NumberOfEmployees);
- Dynamics 365 contact exports: Full Name, First Name, Last Name, Email, Company Name,
  Job Title, Owner, Created On, Modified On.
"""

from __future__ import annotations

import re

#: Our field -> accepted headers (normalised when matched).
EXPORT_COLUMNS: dict[str, tuple[str, ...]] = {
    "record_id": ("record id", "contact id", "id", "contactid", "(do not modify) contact"),
    "name": ("full name", "contact name", "name"),
    "first_name": ("first name", "firstname", "given name"),
    "last_name": ("last name", "lastname", "surname"),
    "email": ("email", "email address", "e-mail", "emailaddress1", "work email"),
    "company": ("company name", "company", "account name", "account", "parentcustomerid", "organization"),
    "title": ("job title", "title", "jobtitle", "position"),
    "owner": ("contact owner", "owner", "owner name", "owner full name", "ownerid", "hubspot owner"),
    "created": ("create date", "created date", "created on", "createdon", "createddate", "contact since", "relationship since"),
    "modified": ("last modified date", "modified on", "modifiedon", "lastmodifieddate", "last activity date"),
    "changed": ("job change date", "change date", "start date", "date of job change"),
    "industry": ("industry", "company industry", "account industry"),
    "employees": ("number of employees", "employees", "numberofemployees", "company size", "account employees"),
}  # fmt: skip


def norm_header(header: str) -> str:
    """ "Contact owner" -> "contactowner" (how two headers are compared)."""
    return re.sub(r"[\W_]+", "", str(header).casefold())


def match_columns(
    headers: list[str], table: dict[str, tuple[str, ...]] | None = None
) -> dict[str, int]:
    """Our field -> column index, for the fields the headers name (first alias wins; one
    column serves one field). ``table`` is the aliases (default :data:`EXPORT_COLUMNS`)."""
    index: dict[str, int] = {}
    for i, header in enumerate(headers):
        index.setdefault(norm_header(header), i)
    index.pop("", None)
    found: dict[str, int] = {}
    for fld, aliases in (EXPORT_COLUMNS if table is None else table).items():
        hit = next((index[norm_header(a)] for a in aliases if norm_header(a) in index), None)
        if hit is not None and hit not in found.values():
            found[fld] = hit
    return found


#: The moved-contacts sheet ``dossier changes`` writes, in column order. ``dossier batch``
#: reads Contact Name, Email, Previous Company, New Company, New Title, Start Date and Owner;
#: the other columns are kept as the row's extra values (the priority reads Industry,
#: Employees and Relationship Since from them).
MOVED_COLUMNS = (
    "Contact Name",
    "Email",
    "change",
    "Previous Company",
    "New Company",
    "Previous Title",
    "New Title",
    "Start Date",
    "Owner",
    "Industry",
    "Employees",
    "Relationship Since",
    "Matched By",
    "Old Row",
    "New Row",
)
CHANGES = ("moved", "promoted", "role_change", "left", "new")
