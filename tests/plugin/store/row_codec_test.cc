// Row codec and SQLite error mapping: decoding failures are values, never exceptions.
#include "plugin/store/row_codec.h"

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "plugin/store/sqlite_error.h"

namespace ec::store {
namespace {

TEST(RowCodec, MillisRoundTrip) {
  const Timestamp t = make_utc(2025, 3, 11, 16, 45, 12, 302);
  EXPECT_EQ(from_millis(to_millis(t)), t);
  EXPECT_EQ(from_millis(to_millis(std::optional<Timestamp>())), std::nullopt);
}

TEST(RowCodec, BadJsonIsDataLossNotAnException) {
  auto parsed = parse_json_column("{not json", "outbox payload");
  ASSERT_FALSE(parsed.has_value());
  EXPECT_EQ(parsed.error().code, ErrorCode::DataLoss);
  EXPECT_THAT(parsed.error().message, ::testing::HasSubstr("outbox payload"));

  auto list = parse_string_list_column("[1, 2]", "finding");
  ASSERT_FALSE(list.has_value());
  EXPECT_EQ(list.error().code, ErrorCode::DataLoss);
}

TEST(RowCodec, StatementsRoundTrip) {
  const std::vector<ec::Statement> statements = {
      {Section::BeingVerified, "We are verifying <TOKEN_1>.", Authorship::Human, {"E1"}, {}},
  };
  auto back = statements_from_json(statements_to_json(statements));
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->size(), 1u);
  EXPECT_EQ(back->front().section, Section::BeingVerified);
  EXPECT_EQ(back->front().author, Authorship::Human);
  EXPECT_EQ(back->front().text, "We are verifying <TOKEN_1>.");
  EXPECT_EQ(back->front().evidence, std::vector<std::string>{"E1"});
}

TEST(RowCodec, MalformedStatementsAreDataLoss) {
  for (const char* text : {R"({"a": 1})", R"([{"section": "confirmed"}])",
                           R"([{"section": "nope", "text": "", "author": "agent",
                                "evidence": [], "findings": []}])",
                           R"([{"section": "confirmed", "text": 5, "author": "agent",
                                "evidence": [], "findings": []}])"}) {
    auto json = nlohmann::json::parse(text);
    auto back = statements_from_json(json);
    ASSERT_FALSE(back.has_value()) << text;
    EXPECT_EQ(back.error().code, ErrorCode::DataLoss) << text;
  }
}

TEST(RowCodec, ActorRolesRoundTrip) {
  for (ActorRole role :
       {ActorRole::Lead, ActorRole::Security, ActorRole::Copilot, ActorRole::Other}) {
    EXPECT_EQ(parse_actor_role(actor_role_name(role)), role);
  }
  EXPECT_FALSE(parse_actor_role("admin").has_value());
}

TEST(SqliteError, MapsCodes) {
  EXPECT_EQ(error_code_for_sqlite(SQLITE_BUSY), ErrorCode::Unavailable);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_CONSTRAINT_UNIQUE), ErrorCode::AlreadyExists);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_CONSTRAINT_PRIMARYKEY), ErrorCode::AlreadyExists);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_CONSTRAINT_FOREIGNKEY), ErrorCode::NotFound);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_CONSTRAINT_TRIGGER), ErrorCode::FailedPrecondition);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_CORRUPT), ErrorCode::DataLoss);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_NOTADB), ErrorCode::DataLoss);
  EXPECT_EQ(error_code_for_sqlite(SQLITE_MISUSE), ErrorCode::Internal);
}

}  // namespace
}  // namespace ec::store
