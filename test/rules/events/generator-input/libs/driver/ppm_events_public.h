/* Hand-written stand-in for driver/ppm_events_public.h: only the shapes the generator reads. */
#define PPM_MAX_NAME_LEN 16

typedef enum {
	PPME_GENERIC_E = 0,
	PPME_GENERIC_X = 1,
	PPME_SYSCALL_OPEN_E = 2,
	PPME_SYSCALL_OPEN_X = 3, /* a comment */
	PPME_UNUSED_X = 4,
	PPM_EVENT_MAX = 5
} ppm_event_code;

#define PPM_SC_FIELDS                      \
	PPM_SC_X(UNKNOWN, 0)                   \
	PPM_SC_X(OPEN, 1)                      \
	/*PPM_SC_X(NA_1, 2)*/                  \
	PPM_SC_X(A_VERY_LONG_SYSCALL_NAME, 3)  \
	PPM_SC_X(EXECVE, 4)

typedef enum {
#define PPM_SC_X(name, value) PPM_SC_##name = (value),
	PPM_SC_FIELDS
#undef PPM_SC_X
	        PPM_SC_MAX,
} ppm_sc_code;

enum ppm_param_type {
	PT_NONE = 0,
	PT_UINT16 = 6,
	PT_CHARBUF = 9, /* a comment */
	PT_ERRNO = 11,
	PT_FSPATH = 17,
	PT_SYSCALLID = 18,
	PT_DYN = 27,
	PT_FLAGS32 = 30,
	PT_PID32 = 48,
	PT_MAX = 49
};
