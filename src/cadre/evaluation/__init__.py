"""Self-assessment from the data: GO / NO GO reviews of projects and the ARS half-yearly reports."""
