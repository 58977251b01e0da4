import pytest

from .servers import Server


@pytest.fixture(scope="session")
def hostile_server():
    server = Server()
    yield server
    server.stop()


@pytest.fixture
def fake(hostile_server):
    hostile_server.reset()
    return hostile_server
