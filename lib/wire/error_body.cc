#include "lib/wire/error_body.h"

#include <nlohmann/json.hpp>

namespace alluxio::wire {

int HttpStatusFor(StatusCode code) {
  switch (code) {
    case StatusCode::kOk:
      return 200;
    case StatusCode::kCancelled:
      return 499;
    case StatusCode::kInvalidArgument:
      return 400;
    case StatusCode::kDeadlineExceeded:
      return 504;
    case StatusCode::kNotFound:
      return 404;
    case StatusCode::kAlreadyExists:
      return 409;
    case StatusCode::kPermissionDenied:
      return 403;
    case StatusCode::kResourceExhausted:
      return 429;
    case StatusCode::kFailedPrecondition:
      return 400;
    case StatusCode::kAborted:
      return 409;
    case StatusCode::kOutOfRange:
      return 400;
    case StatusCode::kUnimplemented:
      return 501;
    case StatusCode::kUnavailable:
      return 503;
    case StatusCode::kUnauthenticated:
      return 401;
    case StatusCode::kUnknown:
    case StatusCode::kInternal:
    case StatusCode::kDataLoss:
      return 500;
  }
  return 500;
}

StatusCode StatusCodeForHttp(int http_status) {
  if (http_status >= 200 && http_status < 300) return StatusCode::kOk;
  switch (http_status) {
    case 400:
      return StatusCode::kInvalidArgument;
    case 401:
      return StatusCode::kUnauthenticated;
    case 403:
      return StatusCode::kPermissionDenied;
    case 404:
      return StatusCode::kNotFound;
    case 405:
      return StatusCode::kUnimplemented;
    case 408:
      return StatusCode::kDeadlineExceeded;
    case 409:
      return StatusCode::kAlreadyExists;
    case 412:
      return StatusCode::kFailedPrecondition;
    case 413:
      return StatusCode::kResourceExhausted;
    case 416:
      return StatusCode::kOutOfRange;
    case 429:
      return StatusCode::kResourceExhausted;
    case 431:
      return StatusCode::kResourceExhausted;
    case 499:
      return StatusCode::kCancelled;
    case 501:
      return StatusCode::kUnimplemented;
    case 503:
      return StatusCode::kUnavailable;
    case 504:
      return StatusCode::kDeadlineExceeded;
    default:
      break;
  }
  if (http_status >= 400 && http_status < 500) return StatusCode::kFailedPrecondition;
  if (http_status >= 500) return StatusCode::kInternal;
  return StatusCode::kUnknown;
}

std::string ErrorBodyJson(const Status& status) {
  nlohmann::ordered_json j;
  j["statusCode"] = std::string(StatusCodeName(status.code()));
  j["message"] = std::string(status.message());
  // Replace invalid UTF-8 rather than throw: messages may quote user input.
  return j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}

Status StatusFromHttp(int http_status, std::string_view body) {
  if (http_status >= 200 && http_status < 300) return Status::OK();
  auto j = nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
  if (j.is_object() && j.contains("statusCode") && j["statusCode"].is_string()) {
    auto code = StatusCodeFromName(j["statusCode"].get<std::string>());
    if (code && *code != StatusCode::kOk) {
      std::string message;
      if (j.contains("message") && j["message"].is_string()) message = j["message"];
      return Status(*code, std::move(message));
    }
  }
  StatusCode code = StatusCodeForHttp(http_status);
  if (code == StatusCode::kOk) code = StatusCode::kUnknown;
  std::string message = "HTTP " + std::to_string(http_status);
  if (!body.empty()) {
    message += ": ";
    message.append(body.substr(0, 512));
  }
  return Status(code, std::move(message));
}

}  // namespace alluxio::wire
