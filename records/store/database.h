// RAII over sqlite3: a Database (one connection, WAL, foreign_keys=ON, busy timeout), a
// Statement (prepared, reusable, finalized on destruction) and a Transaction that rolls back
// unless Commit() is called. Errors throw StoreError naming the database file and SQLite's words.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <vector>

struct sqlite3;
struct sqlite3_stmt;

namespace xk::store {

class StoreError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class Database {
 public:
  // Opens (creating if needed) the file. Throws StoreError.
  explicit Database(const std::string& path);
  ~Database();
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;

  void Execute(std::string_view sql);  // one or more statements, no results
  int64_t LastInsertId() const;
  const std::string& path() const { return path_; }
  sqlite3* handle() const { return db_; }

  // Throws StoreError with the file name and SQLite's message when rc is an error.
  void Check(int rc, std::string_view what) const;

 private:
  std::string path_;
  sqlite3* db_ = nullptr;
};

class Statement {
 public:
  Statement(Database& db, std::string_view sql);
  ~Statement();
  Statement(const Statement&) = delete;
  Statement& operator=(const Statement&) = delete;

  // Binds by 1-based index. Chainable.
  Statement& Bind(int index, int64_t value);
  Statement& Bind(int index, int value) { return Bind(index, static_cast<int64_t>(value)); }
  Statement& Bind(int index, bool value) { return Bind(index, value ? 1 : 0); }  // as 0 or 1
  Statement& Bind(int index, double value);
  Statement& Bind(int index, std::string_view value);
  Statement& Bind(int index, const std::string& value) { return Bind(index, std::string_view(value)); }
  Statement& Bind(int index, const char* value) { return Bind(index, std::string_view(value)); }
  Statement& BindBlob(int index, const void* data, size_t size);
  Statement& BindNull(int index);
  template <typename T>
  Statement& Bind(int index, const std::optional<T>& value) {
    return value ? Bind(index, *value) : BindNull(index);
  }
  // Binds the values to ?1, ?2, ... in their order, each as Bind does. Chainable.
  template <typename... Values>
  Statement& BindAll(const Values&... values) {
    int index = 0;
    (Bind(++index, values), ...);
    return *this;
  }

  // Advances; true when a row is available.
  bool Step();
  // Steps through the remaining rows and returns one value for each, made by read_row(*this).
  template <typename ReadRow>
  auto ReadRows(ReadRow read_row) {
    std::vector<std::invoke_result_t<ReadRow&, Statement&>> rows;
    while (Step()) rows.push_back(read_row(*this));
    return rows;
  }
  // Runs to completion (for INSERT/UPDATE), then resets for reuse.
  void Run();
  void Reset();

  bool IsNull(int column) const;
  int64_t Int(int column) const;
  double Real(int column) const;
  std::string Text(int column) const;
  std::string Blob(int column) const;
  std::optional<int64_t> OptionalInt(int column) const;
  std::optional<double> OptionalReal(int column) const;

  // Reads the current row's columns 0, 1, ... into the places given, in the order of the SELECT,
  // each as its type asks: text for a string, an integer for int64_t and int, non-zero for bool,
  // a real for double, and NULL as nullopt for the optionals. Columns that need converting (a
  // name to an enumeration, JSON, a blob) go after these and are read one by one.
  template <typename... Places>
  void ReadColumns(Places*... places) const {
    int column = 0;
    (ReadColumn(column++, places), ...);
  }
  void ReadColumn(int column, std::string* place) const { *place = Text(column); }
  void ReadColumn(int column, int64_t* place) const { *place = Int(column); }
  void ReadColumn(int column, int* place) const { *place = static_cast<int>(Int(column)); }
  void ReadColumn(int column, bool* place) const { *place = Int(column) != 0; }
  void ReadColumn(int column, double* place) const { *place = Real(column); }
  void ReadColumn(int column, std::optional<int64_t>* place) const { *place = OptionalInt(column); }
  void ReadColumn(int column, std::optional<double>* place) const { *place = OptionalReal(column); }

 private:
  Database& db_;
  sqlite3_stmt* stmt_ = nullptr;
};

class Transaction {
 public:
  explicit Transaction(Database& db);  // BEGIN IMMEDIATE
  ~Transaction();                      // ROLLBACK unless committed
  void Commit();

 private:
  Database& db_;
  bool done_ = false;
};

}  // namespace xk::store
