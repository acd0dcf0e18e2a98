// What a CloudTrail userIdentity says about who made a request: the principal to show (the ARN,
// the AWS service for CloudFront OAC, "anonymous" for unauthenticated and CloudFront OAI reads),
// the role session name, and whether the record names the subject: an assumed-role session
// named after the subject's login or email (IAM Identity Center puts the user name there), or
// an IAM user mapped to the subject in config. Pure functions; thread-safe.
#pragma once

#include <functional>
#include <map>
#include <string>
#include <string_view>

#include "plugin/core/evidence.h"

#include "adapters/cloudtrail/cloudtrail_record.h"

namespace ec::adapters::cloudtrail {

// IAM user name (lower case; IAM names are unique ignoring case) -> subject login, email or id.
using IamUserMap = std::map<std::string, std::string, std::less<>>;

inline constexpr char kAnonymousPrincipal[] = "anonymous";
inline constexpr char kCloudFrontService[] = "cloudfront.amazonaws.com";

// The principal as evidence shows it: arn; invokedBy (or "AWSService") for AWS services;
// "anonymous" for accountId "anonymous" and for type AWSAccount with accountId "CloudFront";
// otherwise principalId, user name or type, whichever is present first.
std::string principal_of(const UserIdentity& identity);
// The same as a view into the identity (or a constant): no allocation, for the per-record path.
std::string_view principal_view(const UserIdentity& identity);

// True for unauthenticated requests (accountId "anonymous").
bool is_anonymous(const UserIdentity& identity);

// AssumedRole: the part after the last '/' of the ARN (or after ':' of principalId); else "".
std::string_view session_name_of(const UserIdentity& identity);

// The IAM user name of an IAMUser identity: userName, else the ARN's part after "user/".
std::string_view iam_user_name_of(const UserIdentity& identity);

bool identity_names_subject(const UserIdentity& identity, const Subject& subject,
                            const IamUserMap& iam_users);

}  // namespace ec::adapters::cloudtrail
