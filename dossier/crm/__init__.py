"""From the CRM to the follow-up: who moved, whom to follow first, the successor's brief.

- :mod:`.sheets` reads and writes spreadsheets with pandas (imported only here, so the command
  line starts fast), with the contact sheet's limits and cleaning;
- :mod:`.columns` holds the column names HubSpot, Salesforce, Dynamics 365 and the job-change
  services (UserGems, Apollo, LinkedIn Sales Navigator) use, with their sources;
- :mod:`.changes` compares two CRM exports and writes the moved-contacts sheet
  ``dossier batch`` reads (``dossier changes``);
- :mod:`.firm` reads ``firm.toml`` (the firm's verticals, the owners' follow-up limit);
- :mod:`.priority` scores a moved contact from documented signals, each with its reason;
- :mod:`.handover` writes the successor's brief for the old account (``dossier handover``).

Imports no network, source or research code, and no batch code except the contact sheet's
cleaning rules (:mod:`dossier.batch.contacts`).
"""
