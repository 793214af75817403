// The cluster manifests of tools/deploy (a sharded audit on Kubernetes or Slurm): no cluster here,
// so they are checked for what the engines need. The YAML is read by PyYAML (python3-yaml, which
// tools/setup.sh installs) into JSON and its fields checked here; the Slurm scripts pass `bash -n`
// and hold the directives the engine reads.
#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <nlohmann/json.hpp>
#include <string>

#include "tests/e2e/e2e_util.h"

namespace xk {
namespace {

namespace fs = std::filesystem;

fs::path Deploy() { return fs::path(XUNKAO_SOURCE_DIR) / "tools/deploy"; }

struct Output {
  int status = -1;
  std::string text;
};

Output RunShell(const std::string& command) {
  Output out;
  FILE* pipe = ::popen((command + " 2>&1").c_str(), "r");
  if (!pipe) return out;
  char buffer[4096];
  size_t got = 0;
  while ((got = std::fread(buffer, 1, sizeof buffer, pipe)) > 0) out.text.append(buffer, got);
  out.status = ::pclose(pipe);
  return out;
}

// The documents of a YAML file, as JSON.
nlohmann::json Yaml(const fs::path& file) {
  const Output out =
      RunShell("python3 -c 'import sys, json, yaml; print(json.dumps(list(yaml.safe_load_all(open(sys.argv[1])))))' " +
               e2e::Quoted(file));
  EXPECT_EQ(out.status, 0) << file << ": " << out.text;
  return out.status == 0 ? nlohmann::json::parse(out.text) : nlohmann::json::array();
}

const nlohmann::json& OnlyContainer(const nlohmann::json& job) {
  const auto& containers = job["spec"]["template"]["spec"]["containers"];
  EXPECT_EQ(containers.size(), 1u);
  return containers[0];
}

std::string Script(const nlohmann::json& container) {
  std::string script;
  for (const auto& part : container["args"]) script += part.get<std::string>() + "\n";
  return script;
}

void ExpectMountsTheArchiveReadOnly(const nlohmann::json& job) {
  bool archive_read_only = false;
  for (const auto& mount : OnlyContainer(job)["volumeMounts"]) {
    if (mount["mountPath"] == "/archive") archive_read_only = mount.value("readOnly", false);
  }
  EXPECT_TRUE(archive_read_only) << "the archive is mounted read-only";
  EXPECT_EQ(job["spec"]["template"]["spec"]["restartPolicy"], "Never");
}

TEST(DeployManifests, TheShardsJobIsAnIndexedJobWithOneShardAnIndex) {
  const auto documents = Yaml(Deploy() / "kubernetes/shards-job.yaml");
  ASSERT_EQ(documents.size(), 1u);
  const auto& job = documents[0];
  EXPECT_EQ(job["apiVersion"], "batch/v1");
  EXPECT_EQ(job["kind"], "Job");
  EXPECT_EQ(job["metadata"]["name"], "xunkao-shards");
  EXPECT_EQ(job["spec"]["completionMode"], "Indexed");
  const int completions = job["spec"]["completions"].get<int>();
  EXPECT_GT(completions, 1);
  EXPECT_EQ(job["spec"]["parallelism"].get<int>(), completions);
  const auto& container = OnlyContainer(job);
  EXPECT_FALSE(container["image"].get<std::string>().empty());
  const std::string script = Script(container);
  EXPECT_NE(script.find("JOB_COMPLETION_INDEX + 1"), std::string::npos) << script;
  EXPECT_NE(script.find("--shard \"$K/$SHARDS\""), std::string::npos) << script;
  std::string shards;
  for (const auto& variable : container["env"]) {
    if (variable["name"] == "SHARDS") shards = variable["value"].get<std::string>();
  }
  EXPECT_EQ(shards, std::to_string(completions)) << "SHARDS must equal completions";
  ExpectMountsTheArchiveReadOnly(job);
}

TEST(DeployManifests, TheMergeJobMergesEveryShardStore) {
  const auto documents = Yaml(Deploy() / "kubernetes/merge-job.yaml");
  ASSERT_EQ(documents.size(), 1u);
  const auto& job = documents[0];
  EXPECT_EQ(job["apiVersion"], "batch/v1");
  EXPECT_EQ(job["kind"], "Job");
  EXPECT_EQ(job["spec"]["completions"].get<int>(), 1);
  const std::string script = Script(OnlyContainer(job));
  EXPECT_NE(script.find("xunkao merge /stores/shard-*.db --db /stores/main.db"), std::string::npos) << script;
  ExpectMountsTheArchiveReadOnly(job);
}

TEST(DeployManifests, SlurmScriptsParseAndMakeAnArrayAndADependentMerge) {
  for (const char* name : {"slurm/shards.sbatch", "slurm/merge.sbatch", "slurm/submit.sh", "kubernetes/run.sh"}) {
    const Output syntax = RunShell("bash -n " + e2e::Quoted(Deploy() / name));
    EXPECT_EQ(syntax.status, 0) << name << ": " << syntax.text;
  }
  const std::string shards = e2e::ReadFile(Deploy() / "slurm/shards.sbatch");
  EXPECT_NE(shards.find("#SBATCH --array=1-16"), std::string::npos);
  EXPECT_NE(shards.find("SHARDS=\"${SHARDS:-16}\""), std::string::npos) << "SHARDS must equal the array's size";
  EXPECT_NE(shards.find("SLURM_ARRAY_TASK_ID"), std::string::npos);
  EXPECT_NE(shards.find("--shard \"$K/$SHARDS\""), std::string::npos);
  const std::string submit = e2e::ReadFile(Deploy() / "slurm/submit.sh");
  EXPECT_NE(submit.find("--dependency=afterok:"), std::string::npos);
  EXPECT_NE(e2e::ReadFile(Deploy() / "slurm/merge.sbatch").find("merge \"$XUNKAO_STORES\"/shard-*.db"),
            std::string::npos);
  const std::string dockerfile = e2e::ReadFile(Deploy() / "Dockerfile");
  EXPECT_EQ(dockerfile.find("FROM debian:12"), dockerfile.find("FROM "));
  EXPECT_NE(dockerfile.find("tools/setup.sh"), std::string::npos);
}

}  // namespace
}  // namespace xk
