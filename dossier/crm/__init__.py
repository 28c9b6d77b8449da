"""From the CRM to the follow-up: who moved, whom to follow first, the successor's brief.

- :mod:`.sheets` reads and writes spreadsheets with pandas (imported only here, so the command
  line starts fast), with the contact sheet's limits and cleaning;
- :mod:`.columns` holds the column names HubSpot, Salesforce and Dynamics 365 exports use;
- :mod:`.changes` compares two CRM exports and writes the moved-contacts sheet
  ``dossier batch`` reads (``dossier changes``);
- :mod:`.firm` reads ``firm.toml`` (the firm's verticals, the owners' follow-up limit);
- :mod:`.priority` scores a moved contact from documented signals, each with its reason;
- :mod:`.follow` applies it after a batch, with the owner warnings (called by run_batch);
- :mod:`.handover` writes the successor's brief for the old account (``dossier handover``);
- :mod:`.tasks` writes the follow-up plan as task-import CSVs (``dossier export --tasks``).

Imports no network, source or research code; from batch only the contact sheet, the state
and the calendar; from render the templates, the PDF renderer and the ask-guard. See
docs/crm.md.
"""
