// Hand-written stand-in for plugins/k8smeta/src/shared_with_tests_consts.h.
#define ASYNC_EVENT_NAMES { "k8s" }
