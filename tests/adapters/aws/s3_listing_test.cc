// The ListObjectsV2 reader on AWS-shaped responses (the API reference's example, a truncated
// page, entities and CDATA in keys) and on what it must refuse.
#include "adapters/aws/s3_listing.h"

#include <gtest/gtest.h>

#include "adapters/aws/s3_client.h"
#include "adapters/aws/s3_log_objects.h"

namespace ec::adapters::aws {
namespace {

constexpr char kPage[] = R"(<?xml version="1.0" encoding="UTF-8"?>
<ListBucketResult xmlns="http://s3.amazonaws.com/doc/2006-03-01/">
  <Name>bucket</Name>
  <Prefix/>
  <KeyCount>2</KeyCount>
  <MaxKeys>2</MaxKeys>
  <IsTruncated>true</IsTruncated>
  <Contents>
    <Key>my-image.jpg</Key>
    <LastModified>2009-10-12T17:50:30.000Z</LastModified>
    <ETag>&quot;fba9dede5f27731c9771645a39863328&quot;</ETag>
    <Size>434234</Size>
    <StorageClass>STANDARD</StorageClass>
  </Contents>
  <Contents>
    <Key>logs/a&amp;b &#x263A;<![CDATA[<c>]]></Key>
    <LastModified>2025-03-11T17:05:00Z</LastModified>
    <Size>12</Size>
    <Owner><ID>abc</ID><Key>not the object key</Key></Owner>
  </Contents>
  <NextContinuationToken>1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=</NextContinuationToken>
</ListBucketResult>)";

TEST(S3Listing, ReadsKeysSizesTimesAndTheContinuationToken) {
  auto listing = parse_list_objects_v2(kPage);
  ASSERT_TRUE(listing.has_value()) << listing.error().message;
  ASSERT_EQ(listing->objects.size(), 2u);
  EXPECT_EQ(listing->objects[0].key, "my-image.jpg");
  EXPECT_EQ(listing->objects[0].size, 434234);
  EXPECT_EQ(listing->objects[0].last_modified, make_utc(2009, 10, 12, 17, 50, 30));
  EXPECT_EQ(listing->objects[1].key, "logs/a&b \xE2\x98\xBA<c>");
  EXPECT_TRUE(listing->truncated);
  EXPECT_EQ(listing->next_continuation_token, "1ueGcxLPRx1Tr/XYExHnhbYLgveDs2J/wm36Hy4vbOwM=");
}

TEST(S3Listing, LastPageAndEmptyListing) {
  auto empty = parse_list_objects_v2(
      "<ListBucketResult><Name>b</Name><KeyCount>0</KeyCount><IsTruncated>false</IsTruncated>"
      "</ListBucketResult>");
  ASSERT_TRUE(empty.has_value()) << empty.error().message;
  EXPECT_TRUE(empty->objects.empty());
  EXPECT_FALSE(empty->truncated);
}

TEST(S3Listing, RefusesWhatIsNotAWellFormedListing) {
  const auto error_of = [](std::string_view xml) {
    auto listing = parse_list_objects_v2(xml);
    return listing ? std::string("<parsed>") : listing.error().message;
  };
  EXPECT_EQ(error_of("<Error><Code>AccessDenied</Code><Message>Access Denied</Message></Error>"),
            "expected a ListBucketResult document");
  EXPECT_NE(error_of("<ListBucketResult><IsTruncated>false</IsTruncated>")
                .find("<ListBucketResult> is never closed"),
            std::string::npos);
  EXPECT_NE(error_of("<ListBucketResult><Contents></Key></Contents></ListBucketResult>")
                .find("end tag </Key> does not match"),
            std::string::npos);
  EXPECT_NE(error_of("<!DOCTYPE x [<!ENTITY a 'b'>]><ListBucketResult/>").find("DOCTYPE"),
            std::string::npos);
  EXPECT_NE(error_of("<ListBucketResult><Contents><Key>&bogus;</Key></Contents>"
                     "<IsTruncated>false</IsTruncated></ListBucketResult>")
                .find("unknown entity &bogus;"),
            std::string::npos);
  EXPECT_EQ(error_of("<ListBucketResult><Contents><Key>k</Key><Size>12x</Size></Contents>"
                     "<IsTruncated>false</IsTruncated></ListBucketResult>"),
            "Contents[0]: Size is not a number");
  EXPECT_EQ(error_of("<ListBucketResult><IsTruncated>true</IsTruncated></ListBucketResult>"),
            "IsTruncated is true but there is no NextContinuationToken");
  EXPECT_EQ(error_of("<ListBucketResult></ListBucketResult>"),
            "IsTruncated is missing or not true/false");
  EXPECT_EQ(error_of("<ListBucketResult><Contents><Size>1</Size></Contents>"
                     "<IsTruncated>false</IsTruncated></ListBucketResult>"),
            "Contents[0]: no Key");
}

// Found by fuzz_s3_listing: a character reference to a surrogate (&#xD800;) was decoded into
// bytes that are not UTF-8. XML allows references to its Chars only.
TEST(S3Listing, RefusesReferencesToWhatIsNotAnXmlCharacter) {
  const auto listing_with_key = [](std::string_view key) {
    return parse_list_objects_v2("<ListBucketResult><Contents><Key>" + std::string(key) +
                                 "</Key></Contents><IsTruncated>false</IsTruncated>"
                                 "</ListBucketResult>");
  };
  for (const char* key : {"a&#xD800;", "&#xDFFF;b", "&#55296;", "&#xFFFE;", "&#1;", "&#0;"}) {
    auto listing = listing_with_key(key);
    ASSERT_FALSE(listing.has_value()) << key;
    EXPECT_NE(listing.error().message.find("bad character reference"), std::string::npos);
  }
  auto ok = listing_with_key("&#x9;&#xD7FF;&#xE000;&#x10FFFF;");
  ASSERT_TRUE(ok.has_value()) << ok.error().message;
  EXPECT_EQ(ok->objects.at(0).key, "\t\xED\x9F\xBF\xEE\x80\x80\xF4\x8F\xBF\xBF");
}

TEST(S3Endpoint, PathAndVirtualHostedUrls) {
  S3Endpoint path{"https://s3.eu-west-1.amazonaws.com", "acme-logs", "eu-west-1",
                  S3Addressing::Path};
  EXPECT_EQ(path.origin(), "https://s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(path.object_url("AWSLogs/1/a b+c.json.gz"),
            "https://s3.eu-west-1.amazonaws.com/acme-logs/AWSLogs/1/a%20b%2Bc.json.gz");
  EXPECT_EQ(path.list_url("AWSLogs/1/", "AWSLogs/1/2025/03/10", ""),
            "https://s3.eu-west-1.amazonaws.com/acme-logs/?list-type=2&prefix=AWSLogs%2F1%2F"
            "&start-after=AWSLogs%2F1%2F2025%2F03%2F10");
  EXPECT_EQ(path.list_url("p", "", "tok/en="),
            "https://s3.eu-west-1.amazonaws.com/acme-logs/?continuation-token=tok%2Fen%3D"
            "&list-type=2&prefix=p");
  S3Endpoint virt = path;
  virt.addressing = S3Addressing::VirtualHost;
  EXPECT_EQ(virt.origin(), "https://acme-logs.s3.eu-west-1.amazonaws.com");
  EXPECT_EQ(virt.object_url("k"), "https://acme-logs.s3.eu-west-1.amazonaws.com/k");
  EXPECT_EQ(virt.list_url("", "", ""),
            "https://acme-logs.s3.eu-west-1.amazonaws.com/?list-type=2&prefix=");
  EXPECT_EQ(virt.display("k"), "s3://acme-logs/k");
}

TEST(S3LogLayout, ListingDatesCoverTheWindowPlusMargin) {
  S3LogLayout layout;
  layout.dates = DateLayout::Slashed;
  Subject subject;
  subject.deprovisioned_at = make_utc(2025, 3, 11, 16, 45, 12);
  const Timestamp now = make_utc(2025, 3, 20, 0, 0, 0);
  const DateRange open = listing_dates(layout, subject, TimeWindow{}, now);
  EXPECT_EQ(open.first, "2025/02/08");  // deprovisioned - 30 days - 24 h
  EXPECT_EQ(open.last, "2025/03/21");   // now + 24 h
  layout.dates = DateLayout::Dashed;
  layout.margin = std::chrono::hours{0};
  const TimeWindow window{make_utc(2025, 3, 10, 0, 0, 0), make_utc(2025, 3, 12, 23, 0, 0)};
  const DateRange bounded = listing_dates(layout, subject, window, now);
  EXPECT_EQ(bounded.first, "2025-03-10");
  EXPECT_EQ(bounded.last, "2025-03-12");
}

}  // namespace
}  // namespace ec::adapters::aws
