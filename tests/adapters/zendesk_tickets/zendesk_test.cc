#include <gtest/gtest.h>

#include "adapters/zendesk_tickets/config.h"
#include "adapters/zendesk_tickets/zendesk_export.h"
#include "adapters/zendesk_tickets/zendesk_ticket_source.h"
#include "tests/adapters/adapter_test_util.h"

namespace ec::adapters::zendesk_tickets {
namespace {

using ec::adapters::testing::context_for;
using ec::adapters::testing::contractor;
using ec::adapters::testing::scenario_sources;
using ec::testing::scenario_dir;
using ec::testing::TempDir;
using ec::testing::write_file;

BuiltSource build_scenario(const std::string& scenario = "contractor_after_deprovision") {
  auto built = create_zendesk_source(scenario_sources(scenario)["tickets"],
                                     context_for(scenario_dir(scenario), "sources.tickets"));
  EXPECT_TRUE(built.has_value()) << built.error().to_string();
  return std::move(*built);
}

TEST(ZendeskTicketSource, TicketFieldsAndPeople) {
  BuiltSource built = build_scenario();
  ASSERT_NE(built.tickets, nullptr);
  auto history = built.tickets->load_ticket("48213");
  ASSERT_TRUE(history.has_value());
  EXPECT_EQ(history->id, "48213");
  EXPECT_EQ(history->subject, "Q4 invoice backup does not match router export totals");
  EXPECT_EQ(history->priority, "high");
  EXPECT_EQ(history->requester_id, "9100245513");
  EXPECT_EQ(history->assignee_id, "9100001207");
  EXPECT_EQ(history->organization_id, "36000412");
  EXPECT_EQ(history->tags,
            (std::vector<std::string>{"billing", "config_export", "security_review"}));
  EXPECT_EQ(history->created_at, make_utc(2025, 3, 3, 8, 12, 40));
  ASSERT_EQ(history->people.size(), 3u);
  const TicketPerson* dario = history->person("9100087731");
  ASSERT_NE(dario, nullptr);
  EXPECT_EQ(dario->role, "agent");
  EXPECT_EQ(dario->email, "dario.mq@contractors.brightwell.example");
}

TEST(ZendeskTicketSource, HistoryEntriesInOrderWithFields) {
  BuiltSource built = build_scenario();
  auto history = built.tickets->load_ticket("#48213");
  ASSERT_TRUE(history.has_value());
  const auto& e = history->entries;
  ASSERT_EQ(e.size(), 10u);
  for (std::size_t i = 1; i < e.size(); ++i) EXPECT_LE(e[i - 1].time, e[i].time);
  EXPECT_EQ(e[0].kind, TicketEntryKind::Created);
  EXPECT_EQ(e[0].to_value, "new");
  EXPECT_EQ(e[1].kind, TicketEntryKind::Comment);
  EXPECT_EQ(e[1].channel, "email");
  ASSERT_EQ(e[1].attachments.size(), 2u);
  EXPECT_EQ(e[1].attachments[0].id, "29001187441");
  EXPECT_EQ(e[1].attachments[0].file_name, "invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(e[1].attachments[0].size, 482113);
  EXPECT_EQ(e[1].attachments[1].size, 96244);
  EXPECT_EQ(e[3].kind, TicketEntryKind::FieldChange);
  EXPECT_EQ(e[3].field, "status");
  EXPECT_EQ(e[3].from_value, "open");
  EXPECT_EQ(e[3].to_value, "pending");
  EXPECT_EQ(e[4].author_id, "9100087731");
  EXPECT_FALSE(e[4].is_public);
  EXPECT_EQ(e[4].ip, "198.51.100.77");
  EXPECT_EQ(e[4].time, make_utc(2025, 3, 11, 17, 9, 44));
  EXPECT_EQ(e[7].field, "assignee_id");
  EXPECT_EQ(e[7].from_value, "9100087731");
  EXPECT_EQ(e[8].field, "tags");
  EXPECT_EQ(e[8].to_value, "billing config_export security_review");
  EXPECT_EQ(e[9].body, "Escalating to security. Evidence hold: do not delete attachments.");
}

TEST(ZendeskTicketSource, UnknownTicketIsNotFound) {
  BuiltSource built = build_scenario();
  auto other = built.tickets->load_ticket("48177");
  ASSERT_FALSE(other.has_value());
  EXPECT_EQ(other.error().code, ErrorCode::NotFound);
}

TEST(ZendeskTicketSource, CollectsTheContractorsAuditsMatchedByEmail) {
  BuiltSource built = build_scenario();
  auto r = built.evidence->collect(contractor(), TimeWindow{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->records_read, 5);
  ASSERT_EQ(r->evidence.size(), 3u);
  const Evidence& late = r->evidence[2];
  EXPECT_EQ(late.kind, evidence_kind::kTicketComment);
  EXPECT_EQ(late.time, make_utc(2025, 3, 11, 17, 9, 44));
  EXPECT_EQ(late.ip, "198.51.100.77");
  EXPECT_EQ(late.principal, "9100087731");
  EXPECT_EQ(late.object, "48213");
  EXPECT_EQ(late.auth, AuthMethod::Session);
  EXPECT_TRUE(late.names_subject);
  EXPECT_EQ(late.origin, "ticket.json#audits[2].events[0]");
  EXPECT_EQ(late.attributes["public"], false);
  EXPECT_EQ(r->evidence[1].kind, evidence_kind::kTicketChange);
  EXPECT_EQ(r->evidence[1].attributes["to"], "pending");
}

TEST(ZendeskTicketSource, AliasMatchesAndBenignVariantDropsAudit3) {
  Subject by_alias;
  by_alias.id = "someone";
  by_alias.aliases = {"9100087731"};
  BuiltSource built = build_scenario("benign_no_access");
  auto r = built.evidence->collect(by_alias, TimeWindow{});
  ASSERT_TRUE(r.has_value());
  EXPECT_EQ(r->records_read, 4);
  EXPECT_EQ(r->evidence.size(), 2u);
}

TEST(ZendeskConfig, BadExportsAreInvalidArgumentNamingTheKey) {
  TempDir dir;
  write_file(dir / "not_json.json", "{");
  write_file(dir / "no_ticket.json", R"({"audits": []})");
  write_file(dir / "bad_audits.json", R"({"ticket": {"id": 1}, "audits": {}})");
  for (const char* file : {"missing.json", "not_json.json", "no_ticket.json", "bad_audits.json"}) {
    auto built =
        create_zendesk_source({{"export", file}}, context_for(dir.path(), "sources.tickets"));
    ASSERT_FALSE(built.has_value()) << file;
    EXPECT_EQ(built.error().code, ErrorCode::InvalidArgument) << file;
    EXPECT_EQ(built.error().message.rfind("sources.tickets.export", 0), 0u)
        << built.error().message;
  }
}

TEST(ZendeskExport, CommentsAreUsedWhenThereAreNoAudits) {
  const auto json = nlohmann::json::parse(R"({"ticket": {"id": 7},
    "comments": [{"id": 1, "author_id": 5, "body": "hi", "public": false,
                  "created_at": "2025-03-03T08:12:40Z", "via": {"channel": "api"}}]})");
  auto history = ticket_history_from_export(json);
  ASSERT_TRUE(history.has_value());
  ASSERT_EQ(history->entries.size(), 1u);
  EXPECT_EQ(history->entries[0].author_id, "5");
  EXPECT_EQ(history->entries[0].channel, "api");
  EXPECT_FALSE(history->entries[0].is_public);
}

}  // namespace
}  // namespace ec::adapters::zendesk_tickets
