// Hand-written stand-in for the generator test (not upstream code).
#define EXTRACT_EVENT_SOURCES {"syscall"}
