from conftest import PLAN


def test_bundled_plan_is_valid(run_cli):
    result = run_cli("validate", "--plan", str(PLAN))
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith(f"plan: {PLAN} (--plan)\n")
    assert result.stdout.endswith("valid: 0 error(s), 8 warning(s), 16 info\n")
