#include "plugin/net/url.h"

#include <gtest/gtest.h>

#include "plugin/core/http_client.h"

namespace ec::net {
namespace {

TEST(Url, SplitsHttpsUrlWithDefaultPort) {
  auto url = parse_url("https://Brightwell.Okta.Example/api/v1/logs?limit=10&after=1_2");
  ASSERT_TRUE(url.has_value()) << url.error().to_string();
  EXPECT_EQ(url->scheme, "https");
  EXPECT_EQ(url->host, "brightwell.okta.example");
  EXPECT_EQ(url->port, 443);
  EXPECT_EQ(url->target, "/api/v1/logs?limit=10&after=1_2");
  EXPECT_TRUE(url->is_https());
  EXPECT_FALSE(url->is_loopback());
}

TEST(Url, ExplicitPortLoopbackAndEmptyPath) {
  auto url = parse_url("http://127.0.0.1:8443");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->port, 8443);
  EXPECT_EQ(url->target, "/");
  EXPECT_TRUE(url->is_loopback());
  auto query_only = parse_url("https://h.example?x=1");
  ASSERT_TRUE(query_only.has_value());
  EXPECT_EQ(query_only->target, "/?x=1");
}

TEST(Url, Ipv6LiteralAndFragmentDropped) {
  auto url = parse_url("https://[::1]:9000/p#frag");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->host, "::1");
  EXPECT_EQ(url->port, 9000);
  EXPECT_EQ(url->target, "/p");
  EXPECT_TRUE(url->is_loopback());
  auto no_port = parse_url("https://[::1]/");
  ASSERT_TRUE(no_port.has_value());
  EXPECT_EQ(no_port->port, 443);
}

TEST(Url, KeepsPercentEncodingVerbatim) {
  auto url = parse_url("https://h.example/api/v1/logs?filter=target.id+eq+%2200u%22&since=a%3Ab");
  ASSERT_TRUE(url.has_value());
  EXPECT_EQ(url->target, "/api/v1/logs?filter=target.id+eq+%2200u%22&since=a%3Ab");
}

TEST(Url, RejectsWhatIsNotAnAbsoluteHttpUrl) {
  for (const char* bad : {"", "/relative/path", "ftp://h.example/", "https://", "https:///path",
                          "https://user:pw@h.example/", "https://h.example:0/",
                          "https://h.example:65536/", "https://h.example:12ab/",
                          "https://h.example:/", "https://h.example/a b", "https://[::1/",
                          "https://h.example/\r\nX-Injected: 1"}) {
    auto url = parse_url(bad);
    ASSERT_FALSE(url.has_value()) << bad;
    EXPECT_EQ(url.error().code, ErrorCode::InvalidArgument) << bad;
  }
}

TEST(Url, EncodeNonUriCharsKeepsUriCharactersAndEscapes) {
  EXPECT_EQ(encode_non_uri_chars("https://h.example/l?f=a+eq+\"x y\"&after=1_2"),
            "https://h.example/l?f=a+eq+%22x%20y%22&after=1_2");
  EXPECT_EQ(encode_non_uri_chars("a%22b%zz%4"), "a%22b%25zz%254");
  EXPECT_EQ(encode_non_uri_chars("\xC3\xA9<>{}|"), "%C3%A9%3C%3E%7B%7D%7C");
}

TEST(UrlEncodeComponent, EncodesAllButUnreserved) {
  EXPECT_EQ(url_encode_component("AZaz09-._~"), "AZaz09-._~");
  EXPECT_EQ(url_encode_component("dario.mq@contractors.example"), "dario.mq%40contractors.example");
  EXPECT_EQ(url_encode_component("target.id eq \"00u\""), "target.id%20eq%20%2200u%22");
  EXPECT_EQ(url_encode_component("2025-03-11T16:45:12Z"), "2025-03-11T16%3A45%3A12Z");
  EXPECT_EQ(url_encode_component("a/b?c&d=e+f"), "a%2Fb%3Fc%26d%3De%2Bf");
  EXPECT_EQ(url_encode_component("\xC3\xA9"), "%C3%A9");
}

TEST(HttpResponse, HeaderLookupIsCaseInsensitiveAndMultiValued) {
  HttpResponse response;
  response.headers = {{"link", "<a>; rel=\"self\""}, {"Content-Type", "application/json"},
                      {"Link", "<b>; rel=\"next\""}};
  EXPECT_EQ(response.header("content-type"), "application/json");
  EXPECT_EQ(response.header("LINK"), "<a>; rel=\"self\"");
  EXPECT_EQ(response.header_values("Link"),
            (std::vector<std::string>{"<a>; rel=\"self\"", "<b>; rel=\"next\""}));
  EXPECT_FALSE(response.header("X-Missing").has_value());
  EXPECT_TRUE(response.header_values("X-Missing").empty());
}

}  // namespace
}  // namespace ec::net
