#ifndef TICKETTRIAGE_CCURL_SHIM_H
#define TICKETTRIAGE_CCURL_SHIM_H

#include <curl/curl.h>

// curl_easy_setopt and curl_easy_getinfo are variadic and therefore unavailable in Swift:
// these typed wrappers are the only way the Swift side calls them.

static inline CURLcode tt_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tt_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tt_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tt_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode tt_easy_setopt_off_t(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

typedef size_t (*tt_data_callback)(char *buffer, size_t size, size_t count, void *userdata);
typedef int (*tt_xferinfo_callback)(void *userdata, curl_off_t dltotal, curl_off_t dlnow, curl_off_t ultotal, curl_off_t ulnow);

static inline CURLcode tt_easy_setopt_write_callback(CURL *handle, CURLoption option, tt_data_callback callback) {
    return curl_easy_setopt(handle, option, callback);
}

static inline CURLcode tt_easy_setopt_xferinfo_callback(CURL *handle, tt_xferinfo_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_XFERINFOFUNCTION, callback);
}

static inline CURLcode tt_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode tt_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode tt_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLMcode tt_multi_setopt_long(CURLM *handle, CURLMoption option, long value) {
    return curl_multi_setopt(handle, option, value);
}

static inline CURLSHcode tt_share_setopt_long(CURLSH *handle, CURLSHoption option, long value) {
    return curl_share_setopt(handle, option, value);
}

typedef int (*tt_seek_callback)(void *userdata, curl_off_t offset, int origin);

/// The request body is handed to libcurl through a read callback (not POSTFIELDS) so that libcurl cannot
/// silently re-send it: its own retry on a dead reused connection must rewind the body through the seek
/// callback, which refuses; the transfer then fails with CURLE_SEND_FAIL_REWIND and the caller's retry
/// policy decides.
static inline CURLcode tt_easy_setopt_read_callback(CURL *handle, tt_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_READFUNCTION, callback);
}

static inline CURLcode tt_easy_setopt_seek_callback(CURL *handle, tt_seek_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_SEEKFUNCTION, callback);
}

static inline int tt_seekfunc_fail(void) { return CURL_SEEKFUNC_FAIL; }

static inline CURLcode tt_easy_setopt_header_callback(CURL *handle, tt_data_callback callback) {
    return curl_easy_setopt(handle, CURLOPT_HEADERFUNCTION, callback);
}

/// `curl_global_init(CURL_GLOBAL_ALL)`: the macro is not imported as a typed constant.
static inline CURLcode tt_global_init_all(void) {
    return curl_global_init(CURL_GLOBAL_ALL);
}

/// Whether a multi message says a transfer is done, and with which result (the union is awkward from Swift).
static inline int tt_multi_msg_is_done(const CURLMsg *message) {
    return message->msg == CURLMSG_DONE;
}

static inline CURLcode tt_multi_msg_result(const CURLMsg *message) {
    return message->data.result;
}

static inline long tt_http_version_2tls(void) { return (long)CURL_HTTP_VERSION_2TLS; }
static inline long tt_http_version_1_1(void) { return (long)CURL_HTTP_VERSION_1_1; }
static inline long tt_pipe_multiplex(void) { return (long)CURLPIPE_MULTIPLEX; }

#endif
