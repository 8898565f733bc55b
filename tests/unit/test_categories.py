"""Category files: validation names the file and the field."""

from __future__ import annotations

from pathlib import Path

import pytest
from briefsum.categories import CategoryDefinition, load_categories, load_category, load_source
from briefsum.errors import ConfigError

GOOD = """
name = "environment"
description = "Pollution control and ecological protection"
threshold = 0.6

[require.topic]
"污染防治" = 3.0

[terms]
"生态环境" = 3.0
"碳排放" = 1.0
"治理…污染" = 2.0

[dampeners]
"环境卫生" = 1.0

[discounts]
"参考文献" = 0.6
"""


def _write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_good_file_loads_with_defaults_for_what_it_leaves_out(tmp_path: Path) -> None:
    category = load_category(_write(tmp_path, "environment.toml", GOOD))
    assert category.name == "environment"
    assert category.threshold == 0.6
    assert category.title_weight == CategoryDefinition.model_fields["title_weight"].default
    assert category.weighted() == {"污染防治": 3.0, "生态环境": 3.0, "碳排放": 1.0, "治理…污染": 2.0, "环境卫生": -1.0}
    assert category.discounts == {"参考文献": 0.6}


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (('"碳排放" = 1.0', '"碳排放" = -1.0'), r"terms: .*'碳排放': weight must be greater than 0"),
        (("threshold = 0.6", "threshold = 1.5"), r"threshold: Input should be less than 1"),
        (("threshold = 0.6", "treshold = 0.6"), r"treshold: Extra inputs are not permitted"),
        (('name = "environment"', 'name = "Environment!"'), r"name: String should match pattern"),
        (('"治理…污染" = 2.0', '"…污染" = 2.0'), r"a gap \(…\) must stand between two non-empty parts"),
        (('"环境卫生" = 1.0', '"生态环境" = 1.0'), r"'生态环境' is in both \[terms\] and \[dampeners\]"),
        (('"碳排放" = 1.0', '"碳排放" = "high"'), r"terms.碳排放: Input should be a valid number"),
        (
            ('"参考文献" = 0.6', '"参考文献" = 1.5'),
            r"discounts: .*'参考文献': a discount factor must be between 0 and 1",
        ),
        (('"参考文献" = 0.6', '"碳排放" = 0.6'), r"'碳排放' is in both \[terms\] and \[discounts\]"),
    ],
)
def test_a_bad_file_is_rejected_naming_the_file_and_the_field(
    tmp_path: Path, change: tuple[str, str], message: str
) -> None:
    path = _write(tmp_path, "environment.toml", GOOD.replace(*change))
    with pytest.raises(ConfigError, match=message) as caught:
        load_category(path)
    assert str(path) in str(caught.value)


def test_invalid_toml_and_missing_files_are_config_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"broken.toml: not valid TOML"):
        load_category(_write(tmp_path, "broken.toml", 'name = "x"\n[terms\n'))
    with pytest.raises(ConfigError, match=r"cannot read category file"):
        load_category(tmp_path / "missing.toml")
    with pytest.raises(ConfigError, match=r"needs \[terms\]"):
        load_category(_write(tmp_path, "empty.toml", 'name = "empty"\n'))


def test_a_folder_loads_in_name_order_and_rejects_two_files_with_one_name(tmp_path: Path) -> None:
    _write(tmp_path, "b.toml", GOOD)
    _write(tmp_path, "a.toml", 'name = "alpha"\n[terms]\n"甲" = 1.0\n')
    _write(tmp_path, "notes.txt", "not a category")
    assert [c.name for c in load_categories(tmp_path)] == ["alpha", "environment"]
    _write(tmp_path, "c.toml", GOOD)
    with pytest.raises(ConfigError, match=r"'environment' is defined twice .*b.toml and c.toml"):
        load_categories(tmp_path)
    with pytest.raises(ConfigError, match=r"does not exist or is not a folder"):
        load_categories(tmp_path / "nowhere")


def test_load_source_accepts_definitions_and_paths_only(tmp_path: Path) -> None:
    definition = CategoryDefinition.model_validate({"name": "x", "terms": {"甲": 1.0}})
    assert load_source(definition) is definition
    assert load_source(_write(tmp_path, "e.toml", GOOD)).name == "environment"
    with pytest.raises(TypeError, match="expected a CategoryDefinition or the path"):
        load_source({"name": "x"})
