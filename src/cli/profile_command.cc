// `mamori profile list|validate|coverage`: the regulation profiles embedded in the binary (or, for
// development, a folder on disk), their validation errors and their coverage reports.

#include <CLI/CLI.hpp>
#include <cstdio>
#include <filesystem>
#include <fstream>

#include "app/app.h"
#include "cli/subcommands.h"
#include "profile/coverage.h"
#include "profile/profile.h"

namespace mamori {
namespace {

int ProfileList() {
  const ProfileFiles& files = ProfileFiles::Embedded();
  for (const auto& name : files.Profiles()) {
    auto p = EmbeddedProfile(name);
    if (!p.ok()) {
      std::printf("%-20s (invalid: run mamori profile validate %s)\n", name.c_str(), name.c_str());
      continue;
    }
    std::printf("%-20s v%-3d %s %s\n", name.c_str(), (*p)->version, (*p)->document.code.c_str(),
                (*p)->document.title_ja.c_str());
  }
  for (const auto& part : files.Parts()) std::printf("%-20s (shared part)\n", part.c_str());
  return 0;
}

// Prints every error; returns how many there were.
size_t PrintErrors(const std::vector<ProfileError>& errors) {
  for (const auto& e : errors) std::printf("%s\n    %s\n", e.ToString().c_str(), e.ToStringJa().c_str());
  return errors.size();
}

int ProfileValidate(const std::string& name, const std::string& dir) {
  std::optional<ProfileFiles> disk;
  std::vector<std::string> names, parts;
  if (!dir.empty()) {
    const std::filesystem::path d = std::filesystem::path(dir).lexically_normal();
    const std::filesystem::path folder = d.has_filename() ? d : d.parent_path();
    if (std::filesystem::exists(folder / "profile.yaml")) {  // one profile folder
      disk = ProfileFiles::Directory(folder.parent_path().empty() ? "." : folder.parent_path().string());
      names.push_back(folder.filename().string());
    } else {  // a profiles root: every folder and shared part in it
      disk = ProfileFiles::Directory(folder.string());
      names = disk->Profiles();
      parts = disk->Parts();
    }
  }
  const ProfileFiles& files = disk ? *disk : ProfileFiles::Embedded();
  if (!disk) {
    if (!name.empty()) {
      names.push_back(name);
    } else {
      names = files.Profiles();
      parts = files.Parts();
    }
  }
  const std::vector<std::string> commands = AllCommandNames();
  ProfileLoadOptions options;
  options.known_commands = &commands;
  size_t errors = 0;
  for (const auto& n : names) {
    const size_t found = PrintErrors(ValidateProfile(files, n, options));
    errors += found;
    if (!found) std::printf("%s: OK\n", n.c_str());
  }
  for (const auto& part : parts) {
    const size_t found = PrintErrors(ValidatePart(files, part, options));
    errors += found;
    if (!found) std::printf("%s: OK\n", part.c_str());
  }
  if (names.empty() && parts.empty()) {
    std::fprintf(stderr, "mamori: no profile found\n");
    return 1;
  }
  if (errors) std::printf("%zu error(s)\n", errors);
  return errors ? 1 : 0;
}

int ProfileCoverage(const std::string& name, const std::string& format, const std::string& out) {
  auto p = EmbeddedProfile(name);
  if (!p.ok()) {
    std::fprintf(stderr, "mamori: %s\n", p.status().ToString().c_str());
    return 1;
  }
  const std::string text = format == "json" ? CoverageJson(**p).dump(2) + "\n" : CoverageMarkdown(**p);
  if (out.empty()) {
    std::fwrite(text.data(), 1, text.size(), stdout);
    return 0;
  }
  std::ofstream f(out, std::ios::binary);
  f << text;
  if (!f.good()) {
    std::fprintf(stderr, "mamori: cannot write %s\n", out.c_str());
    return 1;
  }
  std::fprintf(stderr, "wrote %s\n", out.c_str());
  return 0;
}

}  // namespace

int CmdProfile(int argc, char** argv) {
  CLI::App cli("Regulation profiles: list, validate, coverage", "mamori profile");
  cli.require_subcommand(1);
  std::string name, dir, format = "md", out;
  cli.add_subcommand("list", "list the embedded profiles (name, version, document) and shared parts");
  auto* validate =
      cli.add_subcommand("validate", "validate profiles; print every error as file:line:col (exit 1 on errors)");
  validate->add_option("name", name, "an embedded profile (default: every profile and shared part)");
  validate->add_option("--dir", dir, "a profile folder on disk, or a profiles root (every folder in it)")
      ->excludes("name");
  auto* coverage =
      cli.add_subcommand("coverage", "each clause of the profile's document: enforced / recorded / not yet");
  coverage->add_option("name", name, "an embedded profile")->required();
  coverage->add_option("--format", format, "md or json")->check(CLI::IsMember({"md", "json"}))->capture_default_str();
  coverage->add_option("-o,--out", out, "write to this file instead of standard output");
  try {
    cli.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return cli.exit(e);
  }
  const std::string sub = cli.get_subcommands()[0]->get_name();
  if (sub == "list") return ProfileList();
  if (sub == "validate") return ProfileValidate(name, dir);
  return ProfileCoverage(name, format, out);
}

}  // namespace mamori
