// Escaping text for the files the program writes: HTML (the report, packet summaries, and XML,
// whose entities are the same), CSV (findings.csv, the demo and test archives) and the terminal. A leaf: it
// depends on nothing else in the project, so reports, packets and tools use it without reaching
// into one another.
#pragma once

#include <initializer_list>
#include <string>
#include <string_view>

namespace xk {

// `text` with every character that has a replacement ({'|', "\\|"}, ...) replaced by it; the
// others copied as they are. The escapers below and any other one-character escaping (the draw's
// pool text) are this with their own table.
struct CharReplacement {
  char from;
  std::string_view to;
};
std::string ReplaceChars(std::string_view text, std::initializer_list<CharReplacement> replacements);

// `text` with & < > " ' written as entities: safe inside an element and inside a quoted
// attribute value, in HTML and in XML alike. Bytes are otherwise copied as they are.
std::string HtmlEscape(std::string_view text);

// Quotes a field for writing when it holds a comma, quote, CR or LF; otherwise the field as it is.
// The plain path: for values the program formats itself (numbers such as "-1.5", times, its own
// codes), and for the demo generator, which must write hostile archive values such as "-1" or
// "=1+1" exactly. Never for an archive value in a file people open in a spreadsheet: CsvTextCell.
std::string CsvEscape(std::string_view field);

// A text cell of a CSV file that people open in Excel, for every value that came from the archive
// or is free text. A cell beginning with '=', '+', '-', '@', tab or carriage return gets a leading
// '\'' so a spreadsheet shows it as text instead of running it as a formula (OWASP, "CSV
// Injection"); then the cell is quoted, quotes doubled. "-1" becomes "\"'-1\"", "A1" "\"A1\"";
// "" stays "" (an empty cell). Reading the cell back gives the text with the '\'' in front.
std::string CsvTextCell(std::string_view field);

// UTF-8 text for a terminal: control characters (C0 but newline and tab, DEL, and C1 U+0080 to
// U+009F) written as \xNN, so an archive value cannot move the cursor, recolour or retitle the
// officer's terminal. Everything else is copied as it is.
std::string TerminalText(std::string_view utf8);

}  // namespace xk
