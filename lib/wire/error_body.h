// The one mapping between Status and HTTP: status codes both ways and the JSON error body
// `{"statusCode": "NOT_FOUND", "message": "..."}` that Alluxio's REST API returns.
//
// Internal APIs answer an error with HttpStatusFor(code) and this body; the REST v1 surface
// answers every error with 500 and the same body, as Alluxio does. A client rebuilds the exact
// Status from the body (StatusFromHttp), falling back to the HTTP status when the body is not
// ours (a proxy in between, a plain-text 404).
#pragma once

#include <string>
#include <string_view>

#include "lib/common/status.h"

namespace alluxio::wire {

// gRPC's HTTP mapping: NOT_FOUND -> 404, ALREADY_EXISTS -> 409, INVALID_ARGUMENT -> 400,
// PERMISSION_DENIED -> 403, UNAUTHENTICATED -> 401, RESOURCE_EXHAUSTED -> 429,
// FAILED_PRECONDITION -> 400, ABORTED -> 409, OUT_OF_RANGE -> 400, UNIMPLEMENTED -> 501,
// UNAVAILABLE -> 503, DEADLINE_EXCEEDED -> 504, CANCELLED -> 499, others -> 500. OK -> 200.
int HttpStatusFor(StatusCode code);

// Best code for an HTTP status that came without our error body.
StatusCode StatusCodeForHttp(int http_status);

// `{"statusCode":"<NAME>","message":"<message>"}`. `status` must not be OK.
std::string ErrorBodyJson(const Status& status);

// The Status a response means: OK for 2xx; otherwise the code and message of the JSON error
// body when it parses, else StatusCodeForHttp(http_status) with the body (or the reason) as
// the message.
Status StatusFromHttp(int http_status, std::string_view body);

}  // namespace alluxio::wire
