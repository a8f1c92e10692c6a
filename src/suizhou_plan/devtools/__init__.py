"""Development tools beside the runtime package, never imported by it (the top layer): the
message catalogue's upkeep with Babel and the audit of English left in Chinese output.

    python -m suizhou_plan.devtools update|check|audit"""
