// How an operation that can fail for expected reasons says so: ok, or the kind of failure and a
// message an officer can act on. Unexpected failures stay exceptions. Only src/cli turns a Status
// into an exit code (README "Exit status": 2 a usage error, 3 could not complete).
#pragma once

#include <string>
#include <utility>

namespace xk {

enum class Failure {
  kNone,
  kUsage,           // the request names what is not there or is malformed; nothing was written
  kCannotComplete,  // the archive, the database or an output could not be read or written
};

struct Status {
  Failure failure = Failure::kNone;
  std::string message;  // "" when ok

  bool ok() const { return failure == Failure::kNone; }
  static Status Ok() { return {}; }
  static Status Usage(std::string message) { return {Failure::kUsage, std::move(message)}; }
  static Status CannotComplete(std::string message) { return {Failure::kCannotComplete, std::move(message)}; }
};

}  // namespace xk
