// PlatformRepository on SQLite (migration 0003): delivery de-duplication and channel bindings.
#include <gtest/gtest.h>

#include "plugin/store/sqlite_store.h"
#include "tests/fakes/temp_dir.h"
#include "tests/plugin/store/store_test_util.h"

namespace ec::store {
namespace {

TEST(PlatformRepository, AnEventIdIsNewOnlyOncePerPlatform) {
  ec::testing::TempDir dir;
  auto store = SqliteStore::open(dir / "x.db");
  ASSERT_TRUE(store.has_value());
  const Timestamp now = make_utc(2025, 3, 12, 9, 0, 0);
  {
    auto tx = (*store)->begin();
    EXPECT_EQ((*tx)->record_platform_event("slack", "Ev1", now), true);
    EXPECT_EQ((*tx)->record_platform_event("slack", "Ev1", now), false);
    EXPECT_EQ((*tx)->record_platform_event("mattermost", "Ev1", now), true);
    ASSERT_TRUE((*tx)->commit().has_value());
  }
  {
    // Rolled back: the id stays new.
    auto tx = (*store)->begin();
    EXPECT_EQ((*tx)->record_platform_event("slack", "Ev2", now), true);
  }
  auto tx = (*store)->begin();
  EXPECT_EQ((*tx)->record_platform_event("slack", "Ev2", now), true);
  EXPECT_EQ((*tx)->record_platform_event("slack", "Ev1", now), false);
}

TEST(PlatformRepository, ChannelBindingNeedsACaseAndCanBeReplaced) {
  ec::testing::TempDir dir;
  auto store = SqliteStore::open(dir / "x.db");
  ASSERT_TRUE(store.has_value());
  const Timestamp now = make_utc(2025, 3, 12, 9, 0, 0);
  auto tx = (*store)->begin();
  auto missing = (*tx)->bind_channel("slack", "C1", "CASE-404", now);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::NotFound);
  const Case a = testing::sample_case();
  ASSERT_TRUE((*tx)->insert_case(a).has_value());
  const Case b = testing::sample_case("CASE-2", "2");
  ASSERT_TRUE((*tx)->insert_case(b).has_value());
  EXPECT_EQ((*tx)->case_for_channel("slack", "C1").value(), std::nullopt);
  ASSERT_TRUE((*tx)->bind_channel("slack", "C1", a.id, now).has_value());
  EXPECT_EQ((*tx)->case_for_channel("slack", "C1").value(), a.id);
  EXPECT_EQ((*tx)->case_for_channel("mattermost", "C1").value(), std::nullopt);
  ASSERT_TRUE((*tx)->bind_channel("slack", "C1", b.id, now).has_value());
  EXPECT_EQ((*tx)->case_for_channel("slack", "C1").value(), b.id);
}

}  // namespace
}  // namespace ec::store
