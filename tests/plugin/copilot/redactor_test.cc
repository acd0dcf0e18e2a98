#include "plugin/copilot/redactor.h"

#include <map>

#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include "tests/plugin/copilot/scenario_fixture.h"

namespace ec::copilot {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

constexpr char kLogLine[] =
    "Dario Menendez-Quill (dario.mq@contractors.brightwell.example, 00uvN5sfRJXkWbFmgpsX) got "
    "invoice_backup_2024Q4.xlsx from 198.51.100.77 with key AKIAEXAMPLEPRSGN7Q2Z in account "
    "111122223333; session cs_8sK2pQvL, Okta token 00TECDcB8DsM8gjmKDCB, invoice INV-2024-1187, "
    "link https://support-attachments.s3.amazonaws.example/tickets/48213/att_9f3c/"
    "invoice_backup_2024Q4.xlsx?X-Amz-Credential=AKIAEXAMPLEPRSGN7Q2Z&X-Amz-Signature="
    "1f4d668bd64a45ceb461c86aad301212bae073c11a75720d5159fee12fb8411c at 2025-03-11T17:06:10Z "
    "(E8).";

Redactor scenario_redactor() {
  Redactor r("CASE-1");
  EXPECT_TRUE(r.register_person("Dario Menendez-Quill").has_value());
  EXPECT_TRUE(r.register_value(SensitiveKind::Account, "9100087731").has_value());
  return r;
}

TEST(Redactor, ReplacesEachKindWithTypedPlaceholders) {
  Redactor r = scenario_redactor();
  const std::string out = r.redact(kLogLine);
  EXPECT_THAT(out, HasSubstr("<PERSON_1> (<EMAIL_1>, <ACCOUNT_2>)"));
  EXPECT_THAT(out, HasSubstr("got <ATTACHMENT_1> from <IP_1>"));
  EXPECT_THAT(out, HasSubstr("key <TOKEN_1> in account <ACCOUNT_3>"));
  EXPECT_THAT(out, HasSubstr("invoice <INVOICE_1>"));
  EXPECT_THAT(out, HasSubstr("link <URL_1> at 2025-03-11T17:06:10Z (E8)."));
  EXPECT_THAT(out, HasSubstr("session <TOKEN_"));
}

TEST(Redactor, SameValueGetsSamePlaceholderEveryTime) {
  Redactor r("CASE-1");
  const std::string a = r.redact("from 198.51.100.77 and 203.0.113.45");
  const std::string b = r.redact("again 203.0.113.45, then 198.51.100.77");
  EXPECT_EQ(a, "from <IP_1> and <IP_2>");
  EXPECT_EQ(b, "again <IP_2>, then <IP_1>");
  EXPECT_EQ(r.redact("Mail Ingrid.Halvorsen@Halvorsen-Marine.example"),
            r.redact("Mail ingrid.halvorsen@halvorsen-marine.example"));
}

TEST(Redactor, IsIdempotent) {
  Redactor r = scenario_redactor();
  const std::string once = r.redact(kLogLine);
  const std::size_t entries = r.entries().size();
  EXPECT_EQ(r.redact(once), once);
  EXPECT_EQ(r.entries().size(), entries);
}

TEST(Redactor, NeverLeavesARegisteredRawValue) {
  Redactor r = scenario_redactor();
  std::string text = kLogLine;
  for (const std::string& raw : testing::raw_sensitive_values()) {
    text += " " + raw + ".";
    if (raw.find(' ') != std::string::npos)
      (void)r.register_person(raw);
    else
      (void)r.register_value(SensitiveKind::Account, raw);
  }
  const std::string out = r.redact(text);
  for (const VaultEntry& e : r.entries())
    EXPECT_THAT(out, Not(HasSubstr(e.raw_value))) << e.raw_value;
}

TEST(Redactor, LongestValueWinsOverItsSubstrings) {
  Redactor r("CASE-1");
  ASSERT_TRUE(r.register_value(SensitiveKind::Attachment, "invoice_backup_2024Q4.xlsx"));
  const std::string out =
      r.redact("invoice_backup_2024Q4.page1.webp is a preview of invoice_backup_2024Q4.xlsx");
  EXPECT_EQ(out, "<ATTACHMENT_2> is a preview of <ATTACHMENT_1>");
}

TEST(Redactor, NamePartsAreRedactedCaseSensitivelyOnWordBoundaries) {
  Redactor r("CASE-1");
  ASSERT_TRUE(r.register_person("Will Ashdown"));
  EXPECT_EQ(r.redact("Will said we will check; Ashdown agreed. Ashdowns? Will Ashdown."),
            "<PERSON_1> said we will check; <PERSON_1> agreed. Ashdowns? <PERSON_1>.");
}

TEST(Redactor, LeavesTimesIdsAndPlainWordsAlone) {
  Redactor r("CASE-1");
  const std::string text =
      "At 2025-03-11T16:45:12.302Z (E12, F3, Q2) the BrightwellAttachmentViewer/3.8.1 app on "
      "https://console.brightwell.example/ showed 482113 bytes.";
  EXPECT_EQ(r.redact(text), text);
}

TEST(Redactor, RevealReplacesOnlyRevealedPlaceholders) {
  Redactor r("CASE-1");
  const std::string out = r.redact("a@b.example saw 198.51.100.77");
  EXPECT_EQ(r.reveal(out, {"<IP_1>"}), "<EMAIL_1> saw 198.51.100.77");
  EXPECT_EQ(r.reveal(out, {}), out);
  EXPECT_EQ(r.reveal("<IP_9> unknown", {"<IP_9>"}), "<IP_9> unknown");
}

TEST(Redactor, RevealOfAPersonRestoresTheFullName) {
  Redactor r("CASE-1");
  ASSERT_TRUE(r.register_person("Dario Menendez-Quill"));
  EXPECT_EQ(r.reveal(r.redact("Dario wrote"), {"<PERSON_1>"}), "Dario Menendez-Quill wrote");
}

TEST(Redactor, VaultRoundTripKeepsPlaceholdersAndNumbering) {
  Redactor first = scenario_redactor();
  const std::string out = first.redact(kLogLine);
  ASSERT_TRUE(first.mark_revealed("<IP_1>", "U0LEAD", "customer asked",
                                  testing::at("2025-03-12T10:00:00Z")));
  auto loaded = Redactor::from_vault("CASE-1", first.entries());
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  EXPECT_EQ(loaded->redact(kLogLine), out);
  EXPECT_EQ(loaded->redact("new 203.0.113.45"), "new <IP_2>");
  const auto& entries = loaded->entries();
  const auto ip = std::find_if(entries.begin(), entries.end(),
                               [](const VaultEntry& e) { return e.placeholder == "<IP_1>"; });
  ASSERT_NE(ip, entries.end());
  EXPECT_TRUE(ip->revealed);
  EXPECT_EQ(ip->revealed_by, "U0LEAD");
  EXPECT_EQ(ip->case_id, "CASE-1");
}

TEST(Redactor, VaultKeyedByPlaceholderKeepsNamePartsRedacted) {
  // The store keys the vault by (case, placeholder) and may return rows in any order.
  Redactor first("CASE-1");
  ASSERT_TRUE(first.register_person("Ingrid Halvorsen"));
  ASSERT_TRUE(first.register_person("Dario Menendez-Quill"));
  (void)first.redact("ingrid.halvorsen@halvorsen-marine.example and 198.51.100.77");
  std::map<std::string, VaultEntry> table;
  for (const VaultEntry& e : first.entries()) {
    EXPECT_TRUE(table.emplace(e.placeholder, e).second) << "placeholder reused: " << e.placeholder;
  }
  std::vector<VaultEntry> rows;
  for (auto it = table.rbegin(); it != table.rend(); ++it) rows.push_back(it->second);
  auto loaded = Redactor::from_vault("CASE-1", rows);
  ASSERT_TRUE(loaded.has_value()) << loaded.error().to_string();
  const std::string text = "Dario Menendez-Quill, Dario, Quill and Ingrid wrote to Halvorsen.";
  EXPECT_EQ(loaded->redact(text), first.redact(text));
  EXPECT_EQ(loaded->redact(text),
            "<PERSON_2>, <PERSON_2>, <PERSON_2> and <PERSON_1> wrote to <PERSON_1>.");
}

TEST(Redactor, FromVaultRejectsInconsistentEntries) {
  VaultEntry good{"CASE-1", "<IP_1>", "IP", "198.51.100.77", false, "", "", std::nullopt};
  VaultEntry wrong_case = good;
  wrong_case.case_id = "CASE-2";
  VaultEntry wrong_kind = good;
  wrong_kind.placeholder = "<EMAIL_1>";
  VaultEntry duplicate = good;
  duplicate.placeholder = "<IP_2>";
  VaultEntry unknown = good;
  unknown.kind = "PASSPORT";
  for (const auto& bad : {wrong_case, wrong_kind, unknown}) {
    auto r = Redactor::from_vault("CASE-1", {bad});
    ASSERT_FALSE(r.has_value());
    EXPECT_EQ(r.error().code, ErrorCode::InvalidArgument);
  }
  EXPECT_FALSE(Redactor::from_vault("CASE-1", {good, duplicate}).has_value());
}

TEST(Redactor, RejectsUnusableValues) {
  Redactor r("CASE-1");
  EXPECT_EQ(r.register_value(SensitiveKind::Ip, "ab").error().code, ErrorCode::InvalidArgument);
  EXPECT_FALSE(r.register_value(SensitiveKind::Token, "<IP_1>").has_value());
  EXPECT_FALSE(r.register_value(SensitiveKind::Token, "two\nlines").has_value());
}

TEST(Redactor, UnsignedUrlsStayButTheirSensitivePartsGo) {
  Redactor r("CASE-1");
  EXPECT_EQ(r.redact("see https://files.example/tickets/48213/report.pdf"),
            "see https://files.example/tickets/48213/<ATTACHMENT_1>");
  EXPECT_EQ(
      r.redact("see https://x.example/attachments/token/kq3V9sZrT1mXo2bC8dLp4eW7u/?name=a.xlsx."),
      "see <URL_1>.");
}

TEST(Redactor, LongAdversarialRunsStayLinearAndSafe) {
  std::string text = "key ";
  for (int i = 0; i < 200000; ++i) text += "aB3+"[i % 4];
  text += " then https://x.example/?sig=" + std::string(100000, 'a') + " and " +
          std::string(100000, 'b') + "@c.example and " + std::string(100000, 'd') + ".pdf";
  Redactor r("CASE-1");
  EXPECT_EQ(r.redact(text), "key <TOKEN_1> then <URL_1> and <EMAIL_1> and <ATTACHMENT_1>");
}

}  // namespace
}  // namespace ec::copilot
