// The shared text helpers (pipeline/base/text_format.hpp), against hand-written expectations.
#include "pipeline/base/text_format.hpp"

#include <doctest/doctest.h>

using namespace moscan;

TEST_CASE("text format: thousands, Markdown cells, column names") {
    CHECK(thousands(0) == "0");
    CHECK(thousands(999) == "999");
    CHECK(thousands(1000) == "1,000");
    CHECK(thousands(1234567) == "1,234,567");
    CHECK(md_cell("a|b") == "a\\|b");
    CHECK(md_cell("line one\nline two\r\n") == "line one line two  ");
    CHECK(md_cell("`snap`") == "'snap'");
    CHECK(md_cell("plain") == "plain");
    CHECK(fold_column_name("MO Text") == "motext");
    CHECK(fold_column_name("mo_text") == fold_column_name("MO-Text"));
    CHECK(fold_column_name("\tMOText\r") == "motext");
    CHECK(fold_column_name("MOText2") != fold_column_name("MOText"));
}
