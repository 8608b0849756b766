"""Config loading: the example file is valid, and every error names its key."""

from pathlib import Path

import pytest

from watcher.settings import config as cfg

ROOT = Path(__file__).resolve().parents[2]


def test_example_config_loads_and_resolves_relative_paths(tmp_path):
    example = tmp_path / "config.toml"
    example.write_text((ROOT / "config.example.toml").read_text(encoding="utf-8"), encoding="utf-8")
    loaded = cfg.load(example)
    assert loaded.language == "zh"
    assert loaded.tz.key == "Asia/Shanghai"
    assert loaded.database_url == f"sqlite:///{tmp_path}/siv-watcher.db"
    (box,) = loaded.mailboxes
    assert (box.name, box.host, box.port, box.folders) == ("main", "imap.qq.com", 993, ("INBOX",))
    assert loaded.targets_for("main") == ("json://127.0.0.1:8080/hook",)


@pytest.mark.parametrize(
    ("text", "key"),
    [
        ('language = "fr"', "language"),
        ('timezone = "Mars/Olympus"', "timezone"),
        ("[[mailboxes]]\nname='a'\nusername='u'\npassword_env='X'", "mailboxes.a.host"),
        ("[[mailboxes]]\nname='a'\nhost='h'\nusername='u'", "mailboxes.a.password_env"),
        ("[[mailboxes]]\nname='a'\nhost='h'\nusername='u'\npassword_env='X'\nport=0", "mailboxes.a.port"),
        ("[[mailboxes]]\nname='a'\nhost='h'\nusername='u'\npassword_env='X'\nsecurity='ssl'",
         "mailboxes.a.security"),
        ("[[mailboxes]]\nname='a'\nhost='h'\nusername='u'\npassword_env='X'\nfolderz=['INBOX']",
         "mailboxes.a.folderz"),
        ("[schedule]\npoll_seconds = -5", "schedule.poll_seconds"),
        ("[schedule]\nidle = 'yes'", "schedule.idle"),
        ("[notify]\nurls = 'json://x'", "notify.urls"),
        ("[database]\nurl = 3", "database.url"),
    ],
)
def test_errors_name_the_key(tmp_path, text, key):
    path = tmp_path / "c.toml"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as err:
        cfg.load(path)
    assert str(err.value).startswith(key + ":")


def test_password_from_env_and_file_is_masked(tmp_path, monkeypatch):
    (tmp_path / "pw").write_text("s3cret-file\n", encoding="utf-8")
    path = tmp_path / "c.toml"
    path.write_text(
        "[[mailboxes]]\nname='a'\nhost='h'\nusername='u'\npassword_file='pw'\n"
        "[[mailboxes]]\nname='b'\nhost='h'\nusername='u'\npassword_env='SIVW_TEST_PW'\n",
        encoding="utf-8",
    )
    monkeypatch.setenv("SIVW_TEST_PW", "s3cret-env")
    loaded = cfg.load(path)
    a, b = loaded.mailboxes
    assert a.password().reveal() == "s3cret-file"
    assert b.password().reveal() == "s3cret-env"
    shown = f"{a.password()} {a.password()!r} {b.password():>20}"
    assert "s3cret" not in shown


def test_missing_password_sources_name_the_key(tmp_path, monkeypatch):
    path = tmp_path / "c.toml"
    path.write_text("[[mailboxes]]\nname='a'\nhost='h'\nusername='u'\npassword_file='nope'\n"
                    "[[mailboxes]]\nname='b'\nhost='h'\nusername='u'\npassword_env='SIVW_UNSET_X'\n",
                    encoding="utf-8")
    monkeypatch.delenv("SIVW_UNSET_X", raising=False)
    a, b = cfg.load(path).mailboxes
    with pytest.raises(cfg.ConfigError, match=r"^mailboxes\.a\.password_file:"):
        a.password()
    with pytest.raises(cfg.ConfigError, match=r"^mailboxes\.b\.password_env:"):
        b.password()


def test_oauth2_token_command_runs_each_time(tmp_path):
    counter = tmp_path / "n"
    script = tmp_path / "tok.sh"
    script.write_text(f"#!/bin/sh\necho x >> {counter}\necho token-$(wc -l < {counter})\n")
    script.chmod(0o755)
    path = tmp_path / "c.toml"
    path.write_text(f"[[mailboxes]]\nname='g'\nhost='h'\nusername='u'\noauth2_token_command='{script}'\n",
                    encoding="utf-8")
    (box,) = cfg.load(path).mailboxes
    assert box.oauth2_token().reveal() == "token-1"
    assert box.oauth2_token().reveal() == "token-2"


def test_mailbox_targets_override_default():
    loaded = cfg.parse({
        "notify": {"urls": ["json://a"]},
        "mailboxes": [{"name": "x", "host": "h", "username": "u", "password_env": "E",
                       "notify_urls": ["json://b"]},
                      {"name": "y", "host": "h", "username": "u", "password_env": "E"}],
    })
    assert loaded.targets_for("x") == ("json://b",)
    assert loaded.targets_for("y") == ("json://a",)
    assert loaded.targets_for(None) == ("json://a",)


@pytest.mark.parametrize("security", ["tls", "starttls", "plain"])
def test_the_port_default_follows_security_alike_in_constructor_and_parse(security):
    fields = {"name": "a", "host": "h", "username": "u", "password_env": "E", "security": security}
    built = cfg.MailboxConfig(**fields).port
    (parsed,) = cfg.parse({"mailboxes": [fields]}).mailboxes
    assert built == parsed.port == (993 if security == "tls" else 143)
    assert cfg.MailboxConfig(**fields, port=1143).port == 1143


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"languages": "zh"}, "languages: unknown key (allowed: cluster, database, language, mailboxes, "),
        ({"schedule": {"poll": 5}}, "schedule.poll: unknown key (allowed: folder_check_seconds, idle, "),
        ({"mailboxes": [{"name": "shop", "host": "h", "username": "u", "password_env": "E", "prot": 1}]},
         "mailboxes.shop.prot: unknown key (allowed: authserv_ids, ca_file, "),
    ],
)
def test_an_unknown_key_is_rejected_by_name(data, message):
    with pytest.raises(cfg.ConfigError) as err:
        cfg.parse(data)
    assert str(err.value).startswith(message)


@pytest.mark.parametrize(
    ("data", "message"),
    [
        ({"mailboxes": [{"name": "shop", "host": "h", "username": "u", "password_env": "E", "port": "993"}]},
         "mailboxes.shop.port: expected int, got str"),
        ({"mailboxes": [{"name": "shop", "host": "h", "username": "u", "password_env": "E", "port": 0}]},
         "mailboxes.shop.port: must be 1-65535, not 0"),
        ({"mailboxes": [{"name": "shop", "host": "h", "username": "u", "password_env": "E",
                         "timeout": True}]}, "mailboxes.shop.timeout: expected float, got a boolean"),
        ({"mailboxes": [{"host": "h"}]}, "mailboxes[0].name: required"),
        ({"schedule": {"idle": "yes"}}, "schedule.idle: expected bool, got str"),
        ({"schedule": {"lookback_days": 9.5}}, "schedule.lookback_days: expected int, got float"),
        ({"database": {"url": 3}}, "database.url: expected str, got int"),
        ({"seller": {"name": 7}}, "seller.name: expected str, got int"),
        ({"notify": {"urls": ["json://k3y-k3y-k3y-k3y", 5]}}, "notify.urls: expected a list of strings"),
        ({"notify": "json://k3y-k3y-k3y-k3y"}, "notify: must be a table ([notify])"),
    ],
)
def test_a_wrong_type_names_the_key_and_the_expected_type_on_one_line(data, message):
    with pytest.raises(cfg.ConfigError) as err:
        cfg.parse(data)
    assert str(err.value) == message
    assert err.value.__cause__ is None and err.value.__suppress_context__  # no pydantic traceback


def test_notify_urls_stay_out_of_repr():
    loaded = cfg.parse({"notify": {"urls": ["json://h/k3y-k3y-k3y-k3y"]},
                        "mailboxes": [{"name": "a", "host": "h", "username": "u", "password_env": "E",
                                       "notify_urls": ["json://h/k3y-k3y-k3y-k3y"]}]})
    assert "k3y" not in repr(loaded)


def test_a_ca_file_that_cannot_be_read_is_one_line_naming_key_and_path_at_load(tmp_path):
    box = "[[mailboxes]]\nname = 'shop'\nhost = 'h'\nusername = 'u'\npassword_env = 'X'\nca_file = '{}'\n"
    path = tmp_path / "config.toml"
    path.write_text(box.format("missing.pem"), encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as err:
        cfg.load(path)
    assert str(err.value) == (f"mailboxes.shop.ca_file: cannot read {tmp_path}/missing.pem: "
                              "No such file or directory")
    (tmp_path / "bad.pem").write_text("-----BEGIN CERTIFICATE-----\nnot base64\n", encoding="utf-8")
    path.write_text(box.format("bad.pem"), encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as err:
        cfg.load(path)
    assert str(err.value).startswith(f"mailboxes.shop.ca_file: {tmp_path}/bad.pem holds no PEM certificate (")
    path.write_text(box.format("."), encoding="utf-8")
    with pytest.raises(cfg.ConfigError) as err:
        cfg.load(path)
    assert str(err.value) == f"mailboxes.shop.ca_file: cannot read {tmp_path}: Is a directory"


def test_cluster_timings_default_and_are_checked_together():
    assert (cfg.parse({}).cluster.heartbeat_seconds, cfg.parse({}).cluster.lease_seconds) == (10.0, 30.0)
    assert cfg.parse({"cluster": {"heartbeat_seconds": 1, "lease_seconds": 4}}).cluster.lease_seconds == 4.0
    for data, message in (({"heartbeat_seconds": 20}, "cluster.lease_seconds: must be at least twice"),
                          ({"lease_seconds": 0}, "cluster.lease_seconds: must be positive, not 0"),
                          ({"lease": 5}, "cluster.lease: unknown key (allowed: heartbeat_seconds, ")):
        with pytest.raises(cfg.ConfigError) as err:
            cfg.parse({"cluster": data})
        assert str(err.value).startswith(message), str(err.value)
