#include "plugin/app/llm_config.h"

#include <gtest/gtest.h>

#include <cstdlib>

#include "tests/fakes/temp_dir.h"

namespace ec::app {
namespace {

Result<LlmSettings> settings_for(const ec::testing::TempDir& dir, const std::string& llm) {
  const auto file = dir / "c.json";
  ec::testing::write_file(file, R"({"sources": {}, "llm": )" + llm + "}");
  auto config = load_config(file);
  if (!config) return std::unexpected(config.error());
  return load_llm_settings(*config);
}

TEST(LlmConfig, WithoutABlockOrDeterministicNoModelIsUsed) {
  ec::testing::TempDir dir;
  auto none = settings_for(dir, R"({"provider": "deterministic"})");
  ASSERT_TRUE(none.has_value()) << none.error().message;
  EXPECT_FALSE(none->enabled);
}

TEST(LlmConfig, ErrorsNameTheField) {
  ec::testing::TempDir dir;
  const std::pair<const char*, const char*> cases[] = {
      {R"({"provider": "magic"})", "llm.provider"},
      {R"({"provider": "chat_completions", "model": "m"})", "llm.base_url"},
      {R"({"provider": "chat_completions", "base_url": "http://example.com/v1", "model": "m"})",
       "llm.base_url"},
      {R"({"provider": "chat_completions", "base_url": "https://x/v1"})", "llm.model"},
      {R"({"provider": "chat_completions", "base_url": "https://x/v1", "model": "m",
           "timeout_ms": 0})", "llm.timeout_ms"},
      {R"("yes")", "llm"},
  };
  for (const auto& [llm, field] : cases) {
    auto s = settings_for(dir, llm);
    ASSERT_FALSE(s.has_value()) << llm;
    EXPECT_EQ(s.error().code, ErrorCode::InvalidArgument);
    EXPECT_NE(s.error().message.find(field), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("c.json"), std::string::npos) << s.error().message;
  }
}

TEST(LlmConfig, KeyComesFromTheNamedEnvironmentVariable) {
  ec::testing::TempDir dir;
  const std::string block = R"({"provider": "chat_completions", "base_url": "https://x/v1",
                                "model": "m", "api_key_env": "EC_TEST_LLM_KEY", "max_attempts": 5})";
  ::unsetenv("EC_TEST_LLM_KEY");
  auto missing = settings_for(dir, block);
  ASSERT_TRUE(missing.has_value()) << missing.error().message;
  EXPECT_FALSE(missing->enabled);
  EXPECT_NE(missing->disabled_reason.find("EC_TEST_LLM_KEY"), std::string::npos);

  ::setenv("EC_TEST_LLM_KEY", "sk-123", 1);
  auto present = settings_for(dir, block);
  ::unsetenv("EC_TEST_LLM_KEY");
  ASSERT_TRUE(present.has_value());
  EXPECT_TRUE(present->enabled);
  EXPECT_EQ(present->chat.api_key, "sk-123");
  EXPECT_EQ(present->chat.max_attempts, 5);
  EXPECT_EQ(present->chat.model, "m");

  auto local = settings_for(dir, R"({"provider": "chat_completions",
      "base_url": "http://127.0.0.1:11434/v1", "model": "llama3", "api_key_env": ""})");
  ASSERT_TRUE(local.has_value()) << local.error().message;
  EXPECT_TRUE(local->enabled);
  EXPECT_TRUE(local->chat.api_key.empty());
}

}  // namespace
}  // namespace ec::app
