// Owning handles for libzip objects, one unique_ptr type each, so an archive, a source or an
// entry being read is released on every path. An archive being written is only complete after
// CloseZip; dropping the handle without it discards everything (zip_discard), which is what an
// early error return wants.
#pragma once

#include <zip.h>

#include <memory>
#include <string>

namespace xk {

struct ZipArchiveDeleter {
  void operator()(zip_t* archive) const { zip_discard(archive); }
};
using ZipArchivePtr = std::unique_ptr<zip_t, ZipArchiveDeleter>;

// A source not (yet) handed to an archive. After a successful zip_file_add the archive owns it:
// call release().
struct ZipSourceDeleter {
  void operator()(zip_source_t* source) const { zip_source_free(source); }
};
using ZipSourcePtr = std::unique_ptr<zip_source_t, ZipSourceDeleter>;

struct ZipFileDeleter {
  void operator()(zip_file_t* file) const { zip_fclose(file); }
};
using ZipFilePtr = std::unique_ptr<zip_file_t, ZipFileDeleter>;

// libzip's words for the archive's last error.
inline std::string ZipErrorText(zip_t* archive) {
  const char* text = archive == nullptr ? nullptr : zip_strerror(archive);
  return text == nullptr ? "unknown libzip error" : text;
}

// libzip's words for the error code zip_open gave when it returned no archive.
inline std::string ZipOpenErrorText(int code) {
  zip_error_t error;
  zip_error_init_with_code(&error, code);
  std::string text = zip_error_strerror(&error);
  zip_error_fini(&error);
  return text;
}

// Writes and closes the archive (the handle is released either way). Returns "" or libzip's words.
inline std::string CloseZip(ZipArchivePtr* archive) {
  if (zip_close(archive->get()) == 0) {
    archive->release();  // zip_close freed it
    return "";
  }
  return ZipErrorText(archive->get());  // the deleter discards it
}

}  // namespace xk
