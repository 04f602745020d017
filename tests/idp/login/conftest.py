from tests.login_helpers import journey  # noqa: F401 - fixture
